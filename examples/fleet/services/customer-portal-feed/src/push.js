'use strict';

const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL || 'redis://localhost:6379');
const PORTAL_API = process.env.PORTAL_API || 'https://portal-api.example.com/internal/notices';

/** Pushes an event notice once per (event id, version). */
async function pushToPortal(event) {
  const key = `notice:${event.id}:${event.version}`;
  const fresh = await redis.set(key, '1', 'EX', 7 * 24 * 3600, 'NX');
  if (!fresh) return;
  const res = await fetch(PORTAL_API, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.PORTAL_TOKEN}` },
    body: JSON.stringify({
      eventId: event.id,
      siteIds: event.siteIds,
      status: event.status,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      targetReductionKw: event.targetReductionKw,
    }),
  });
  if (!res.ok) {
    await redis.del(key);
    throw new Error(`portal answered ${res.status}`);
  }
}

module.exports = { pushToPortal };
