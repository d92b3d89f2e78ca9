import { userActor } from '@/server/services/audit/log';
import { detectEvents } from '@/server/services/detectors/run';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import type { OrgActor } from '@/server/services/shared/actor';

/**
 * A month of support-console activity so signals have a baseline to stand on, ending in the
 * pattern the product exists to catch: a vendor agent exporting customers at night from abroad.
 */
export async function seedActivity(admin: OrgActor) {
  const now = Date.now();
  const day = 86_400_000;
  const lines: string[] = [];
  const agents = [
    ['maria.santos@manilasupport.example', '112.198.10.4', 'PH', 'Manila'],
    ['jun.reyes@manilasupport.example', '112.198.10.9', 'PH', 'Manila'],
    ['priya.n@ledgerline.example', '81.2.69.160', 'GB', 'London'],
  ] as const;
  let n = 0;
  for (let d = 32; d >= 2; d--)
    for (const [actor, ip, country, city] of agents)
      for (let h = 0; h < 6; h++) {
        n += 1;
        // 01:00–06:00 UTC is the working morning in Manila; London works 09:00–14:00 UTC.
        const hour = country === 'PH' ? 1 + h : 9 + h;
        const at = new Date(Math.floor((now - d * day) / day) * day + hour * 3_600_000);
        lines.push(
          JSON.stringify({
            event_id: `demo-${n}`,
            occurred_at: at.toISOString(),
            actor,
            system: 'Customer Admin Console',
            action: h % 3 === 0 ? 'ticket.view' : 'customer.view',
            resource: `cust-${(n * 7919) % 50_000}`,
            ticket_id: `T-${4000 + n}`,
            ip,
            country,
            city,
          }),
        );
      }
  const night = new Date(Math.floor((now - day) / day) * day + 18 * 3_600_000); // 02:00 in Manila
  lines.push(
    JSON.stringify({
      event_id: 'demo-export-1',
      occurred_at: night.toISOString(),
      actor: 'jun.reyes@manilasupport.example',
      system: 'Customer Admin Console',
      action: 'customer.export',
      resource: 'customers-vip.csv',
      record_count: 3120,
      ip: '45.86.201.7',
      country: 'NL',
      city: 'Amsterdam',
      user_agent: 'Mozilla/5.0 AnyDesk/8.0',
    }),
    JSON.stringify({
      event_id: 'demo-unknown-1',
      occurred_at: new Date(night.getTime() + 5 * 60_000).toISOString(),
      actor: 'helpdesk-temp7@manilasupport.example',
      system: 'Customer Admin Console',
      action: 'customer.view',
      resource: 'cust-10442',
      ip: '45.86.201.7',
      country: 'NL',
    }),
  );
  const summary = await ingestEvents(
    { ...admin, audit: userActor(admin) },
    'ndjson',
    [lines.join('\n')],
    { channel: 'cli', fileName: 'support-console-demo.ndjson' },
  );
  await detectEvents(
    admin.orgId,
    { batchId: summary.batchId },
    { type: 'system', id: null, label: 'detector' },
  );
  await refreshSignalDailyCounts(admin.orgId);
}
