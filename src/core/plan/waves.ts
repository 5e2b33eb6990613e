// The waves' titles, apart from the planner: the plan view's page script (a browser bundle) needs them
// without the engine behind them.
export const WAVE_TITLES: Record<number, string> = {
  1: 'Wave 1 · consumers',
  2: 'Wave 2 · producer-consumers',
  3: 'Wave 3 · producers',
  4: 'Unknown role',
};
