// MirrorMaker 2 defaults (MirrorSourceConfig / DefaultTopicFilter): which topics a flow copies when its
// config names none.
export const MM2_DEFAULT_TOPICS = ['.*'];
export const MM2_DEFAULT_EXCLUDE = ['.*[\\-\\.]internal', '.*\\.replica', '__.*'];
