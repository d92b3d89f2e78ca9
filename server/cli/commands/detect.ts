import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { detectEvents, undetectedBatches } from '@/server/services/detectors/run';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { runIdentityReuse } from '@/server/services/screening/identity-reuse';
import { CLI_AUDIT, command, orgFlag, orgIdFor, print } from '../args';

/** `vigil detect --org S [--since T]`: the detectors over new batches, or every event since T. */
export const detect = command({
  args: z.object({ org: orgFlag, since: z.coerce.date().optional() }),
  input: ({ values }) => ({ org: values.org, since: values.since || undefined }),
  handler: async ({ org, since }, out) => {
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const runs = [];
    if (since) runs.push(await detectEvents(orgId, { since }, CLI_AUDIT));
    else
      for (const batchId of await undetectedBatches(orgId))
        runs.push(await detectEvents(orgId, { batchId }, CLI_AUDIT));
    // Identifiers shared across people are judged on every run, new events or not.
    const reuse = await runIdentityReuse(orgId, CLI_AUDIT);
    await refreshSignalDailyCounts(orgId);
    const total = {
      events: 0,
      created: 0,
      updated: 0,
      byKind: {} as Record<string, { created: number; updated: number }>,
      routinesLearned: 0,
    };
    if (runs.length > 0) await requestRiskRecompute(orgId);
    const reuseRun = {
      events: 0,
      ...reuse,
      byKind: { identity_reuse: reuse },
      routinesLearned: 0,
    };
    for (const r of reuse.created + reuse.updated > 0 ? [...runs, reuseRun] : runs) {
      total.events += r.events;
      total.created += r.created;
      total.updated += r.updated;
      total.routinesLearned += r.routinesLearned;
      for (const [kind, c] of Object.entries(r.byKind)) {
        const t = (total.byKind[kind] ??= { created: 0, updated: 0 });
        t.created += c.created;
        t.updated += c.updated;
      }
    }
    print(
      out,
      [
        `${total.events} event(s) examined: ${total.created} signal(s) created, ${total.updated} updated` +
          (total.routinesLearned
            ? `; ${total.routinesLearned} earlier signal(s) now explained by a learned routine`
            : ''),
        ...Object.entries(total.byKind).map(
          ([k, c]) => `  ${k}: ${c.created} created, ${c.updated} updated`,
        ),
      ].join('\n'),
      total,
    );
  },
});
