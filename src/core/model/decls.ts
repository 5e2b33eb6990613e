import type { FileFacts, TopicDecl } from './types';

/** Every declared topic across files. */
export function collectTopicDecls(facts: FileFacts[]): TopicDecl[] {
  return facts.flatMap((f) => f.topicDecls);
}
