import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RepositoryIndex } from '../../../src/core/repositoryIndex';
import { refSummary } from '../../../src/core/view/status';
import { ZERO_CONFIG } from '../../helpers/scopeFixtures';

test('the lens words say when the source was inferred and when an address is local', async () => {
  const { model, plan } = await new RepositoryIndex(ZERO_CONFIG).scan();
  const summary = (file: string) =>
    refSummary(
      model.brokerRefs.find((r) => r.file === file)!,
      model,
      plan,
    );
  // The fixture declares no topic: stock's topics must be declared before it moves (the one fix).
  assert.equal(summary('shop/stock/deploy/stock-prod.nomad'), 'EC2 (inferred) · prod · stock · wave 1 · ready after 1 fix');
  assert.equal(summary('shop/orders/helm/values-prod.yaml'), 'EC2 (inferred) · prod · orders · wave 3 · blocked by 1 consumer');
  assert.equal(summary('shop/orders/docker-compose.yml'), 'local · no environment · orders · wave 3');
  assert.equal(summary('shop/orders/helm/values-prod-next.yaml'), 'MSK · prod · orders still names EC2 elsewhere');
});
