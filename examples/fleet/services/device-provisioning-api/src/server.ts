import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { producer, publishRequest, type ProvisioningRequest } from './kafka';

const app = Fastify({ logger: true });

const KINDS = new Set(['meter', 'battery', 'controller']);

app.post<{ Params: { siteId: string }; Body: { deviceId: string; kind: string } }>(
  '/sites/:siteId/devices',
  async (request, reply) => {
    const { deviceId, kind } = request.body;
    if (!deviceId || !KINDS.has(kind)) {
      return reply.code(400).send({ error: 'deviceId and a known kind are required' });
    }
    const req: ProvisioningRequest = {
      request_id: randomUUID(),
      device_id: deviceId,
      site_id: request.params.siteId,
      kind: kind as ProvisioningRequest['kind'],
      action: 'register',
    };
    await publishRequest(req);
    return reply.code(202).send({ requestId: req.request_id });
  },
);

app.delete<{ Params: { siteId: string; deviceId: string } }>(
  '/sites/:siteId/devices/:deviceId',
  async (request, reply) => {
    const req: ProvisioningRequest = {
      request_id: randomUUID(),
      device_id: request.params.deviceId,
      site_id: request.params.siteId,
      kind: 'meter',
      action: 'decommission',
    };
    await publishRequest(req);
    return reply.code(202).send({ requestId: req.request_id });
  },
);

async function start(): Promise<void> {
  await producer.connect();
  await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 8080) });
}

start().catch((err) => {
  app.log.error(err);
  process.exit(1);
});
