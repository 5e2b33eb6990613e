'use strict';

const { XMLParser } = require('fast-xml-parser');

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

const FEEDS = [
  { operator: 'PJM', url: 'https://feeds.pjm.example.com/dr/emergency.xml' },
  { operator: 'ERCOT', url: 'https://feeds.ercot.example.com/ers/deployments.xml' },
  { operator: 'ISONE', url: 'https://feeds.iso-ne.example.com/dr/dispatch.xml' },
];

/** Fetches each operator's feed; a failing feed becomes an alert instead of stopping the others. */
async function pollFeeds() {
  const signals = [];
  const failures = [];
  for (const feed of FEEDS) {
    try {
      const res = await fetch(feed.url, { signal: AbortSignal.timeout(15000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const doc = parser.parse(await res.text());
      for (const d of [].concat(doc.dispatches?.dispatch ?? [])) {
        signals.push({
          signalId: `${feed.operator}-${d.id}`,
          program: d.program,
          zone: `${feed.operator}:${d.zone}`,
          startsAt: d.start,
          endsAt: d.end,
          requestedMw: Number(d.mw),
          cancelled: d.status === 'CANCELLED',
        });
      }
    } catch (err) {
      failures.push({ operator: feed.operator, message: String(err) });
    }
  }
  return { signals, failures };
}

module.exports = { pollFeeds };
