import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeKey } from '../../../src/core/model/keys';

describe('normalizeKey', () => {
  it('env, dotted and kebab spellings of one Spring key are one key', () => {
    assert.deepEqual(['APP_TOPICS_IN', 'app.topics.in', 'app-topics-in', 'appTopicsIn'].map(normalizeKey), [
      'apptopicsin',
      'apptopicsin',
      'apptopicsin',
      'apptopicsin',
    ]);
  });

  it('keeps every other character: different keys stay different', () => {
    assert.deepEqual(['app.topics[0]', 'app/topics', 'app topics'].map(normalizeKey), ['apptopics[0]', 'app/topics', 'app topics']);
  });
});
