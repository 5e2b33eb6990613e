import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_IGNORES, fixtureMatcher, isComposeFile, isTestCode } from '../../../src/core/discover/scope';

describe('fixtureMatcher', () => {
  it('names the default glob that skips a fixture path; undefined for what is read', () => {
    const skip = fixtureMatcher([]);
    assert.deepEqual(
      [
        'svc/testdata/a.env',
        'svc/test/fixtures/b.yaml',
        'web/__fixtures__/c.json',
        'svc/out.golden.json',
        'svc/.env',
        'svc/fixture.env',
      ].map(skip),
      ['**/testdata/**', '**/fixtures/**', '**/__fixtures__/**', '**/*.golden.*', undefined, undefined],
    );
  });

  it('matches case-insensitively, as gitignore matching does', () => {
    assert.equal(fixtureMatcher([])('svc/TestData/a.env'), '**/testdata/**');
  });

  it('a manifest !glob re-includes exactly that default; other ignore entries change nothing here', () => {
    const skip = fixtureMatcher(['!**/fixtures/**', 'build/**', '! **/testdata/** ']);
    assert.deepEqual(['svc/fixtures/a.env', 'svc/testdata/a.env', 'svc/a.golden.txt', 'build/x.env'].map(skip), [
      undefined,
      undefined,
      '**/*.golden.*',
      undefined,
    ]);
  });

  it('the defaults are the four documented globs', () => {
    assert.deepEqual(FIXTURE_IGNORES, ['**/testdata/**', '**/fixtures/**', '**/__fixtures__/**', '**/*.golden.*']);
  });
});

describe('isComposeFile', () => {
  it('docker-compose and compose files, with a variant, in any folder; not look-alikes', () => {
    assert.deepEqual(
      [
        'docker-compose.yml',
        'deploy/compose.yaml',
        'docker-compose.dev.yml',
        'compose-prod.yaml',
        'my-docker-compose.yml',
        'docker-compose.json',
        'composer.yaml',
      ].map(isComposeFile),
      [true, true, true, true, false, false, false],
    );
  });
});

describe('isTestCode', () => {
  it('test code by the runners’ conventions', () => {
    assert.deepEqual(
      [
        'svc/kafka_test.go',
        'web/src/kafka.test.ts',
        'web/src/kafka.spec.mjs',
        'py/tests/helpers.py',
        'py/test_kafka.py',
        'py/kafka_test.py',
        'py/conftest.py',
        'svc/test/Main.java',
      ].map(isTestCode),
      [true, true, true, true, true, true, true, true],
    );
  });

  it('config in a test folder is not test code (it may be an environment named test); Maven’s src/test is', () => {
    assert.deepEqual(
      [
        'deploy/test/values.yaml',
        'helm/values.test.yaml',
        'svc/.env.test',
        'svc/src/test/resources/application.yml',
        'svc/src/main/Kafka.java',
      ].map(isTestCode),
      [false, false, false, true, false],
    );
  });
});
