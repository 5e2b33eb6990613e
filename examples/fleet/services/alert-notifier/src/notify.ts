import { request } from 'undici';

export interface Alert {
  id: string;
  siteId: string;
  severity: 'info' | 'warning' | 'critical' | 'fault';
  summary: string;
  occurredAt: string;
}

const PAGER_URL = process.env.PAGER_URL ?? 'https://events.pagerduty.com/v2/enqueue';

/** Sends one alert to the pager; info-level alerts only go to the log channel. */
export async function notify(alert: Alert): Promise<void> {
  if (alert.severity === 'info') return;
  const body = {
    routing_key: process.env.PAGER_ROUTING_KEY,
    event_action: 'trigger',
    dedup_key: alert.id,
    payload: {
      summary: `[${alert.siteId}] ${alert.summary}`,
      severity: alert.severity === 'fault' ? 'error' : alert.severity,
      source: alert.siteId,
      timestamp: alert.occurredAt,
    },
  };
  const res = await request(PAGER_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.statusCode >= 300) {
    throw new Error(`pager answered ${res.statusCode}`);
  }
}
