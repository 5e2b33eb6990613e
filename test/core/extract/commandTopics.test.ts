import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile, formatOf } from '../../../src/core/extract';
import { fixtureFacts, refLines, useLines } from '../../helpers/facts';

test('command topics: console producer/consumer and kcat -P/-C in a Jenkinsfile`s sh steps', () => {
  const f = fixtureFacts('cli/Jenkinsfile');
  assert.equal(formatOf('ci/Jenkinsfile'), 'shell');
  assert.deepEqual(useLines(f), [
    'produce smoke.checks cli 9:100-9:112',
    'consume smoke.replies cli 10:97-10:110',
    'consume audit.events cli 11:61-11:73',
  ]);
  assert.deepEqual(refLines(f), [
    'command - kafka1.prod.example.internal:9092 9:58-9:91',
    'command - kafka1.prod.example.internal:9092 10:55-10:88',
    'command - kafka1.prod.example.internal:9092 11:21-11:54',
  ]);
});

test('command topics: Makefile recipes: --include is a pattern, $VAR is the variable, a command ends at ; and kcat without a mode is no edge', () => {
  const f = fixtureFacts('cli/Makefile');
  assert.deepEqual(
    f.topicUses.map(
      (u) => `${u.direction} ${u.topic ?? `$${u.via?.name}`}${u.pattern ? ' (pattern)' : ''} ${u.range.start.line}:${u.range.start.column}`,
    ),
    ['produce orders 4:27', 'consume orders\\..* (pattern) 5:66', 'consume $ORDERS_TOPIC 8:38'],
  );
});

test('command topics: compose command as a string, an exec-form list and a block list', () => {
  const f = fixtureFacts('cli/docker-compose.yaml');
  assert.deepEqual(useLines(f), [
    'produce inventory.seed cli 5:77-5:91',
    'consume inventory.seed cli 8:56-8:70',
    'consume inventory.dead cli 16:9-16:23',
  ]);
});

test('command topics: the console tools take a long option with one dash (-topic), inside bash -c in a compose command', () => {
  const text = `services:
  seed:
    image: tools
    command: "bash -c 'kafka-topics --create --topic seed.a && kafka-console-producer --bootstrap-server kafka1:9092 -topic seed.b < /data/b.json'"
`;
  assert.deepEqual(useLines(extractFile('docker-compose.yml', text)), ['produce seed.b cli 4:125-4:131']);
});
