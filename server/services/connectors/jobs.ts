import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { connectors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ConnectorRunTrigger } from '@/server/domain/connectors/kinds';
import { allOrganizationIds } from '@/server/services/access/lifecycle';
import { announceJobs, enqueueJob } from '@/server/services/jobs/queue';
import { runConnector } from './run';

/**
 * The queue side of connectors (docs/CONNECTORS.md §Runs): `connectors.sweep` every minute finds
 * the connectors whose next run is due and queues `connectors.run` for each; "Run now" queues
 * one at once. The run itself checkpoints each page, so a job retried after a crash resumes.
 */
export const CONNECTOR_RUN_JOB = 'connectors.run';

export async function requestConnectorRun(
  orgId: string,
  connectorId: string,
  trigger: Extract<ConnectorRunTrigger, 'schedule' | 'manual'>,
  slot: string,
): Promise<void> {
  const added = await enqueueJob(
    CONNECTOR_RUN_JOB,
    { orgId, connectorId, trigger },
    { dedupeKey: `${CONNECTOR_RUN_JOB}:${connectorId}:${slot}`, maxAttempts: 3 },
  );
  if (added) announceJobs();
}

/** Active connectors of one organization whose next run is due. */
export async function dueConnectors(orgId: string, now = new Date()) {
  return withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ id: connectors.id, nextRunAt: connectors.nextRunAt })
      .from(connectors)
      .where(
        and(
          eq(connectors.orgId, orgId),
          eq(connectors.status, 'active'),
          or(isNull(connectors.nextRunAt), lte(connectors.nextRunAt, now)),
        ),
      ),
  );
}

export async function sweepConnectors(now = new Date()): Promise<{ queued: number }> {
  let queued = 0;
  for (const orgId of await allOrganizationIds())
    for (const c of await dueConnectors(orgId, now)) {
      // One job per due time: two sweeps in the same minute queue it once.
      await requestConnectorRun(orgId, c.id, 'schedule', String(c.nextRunAt?.getTime() ?? 0));
      queued += 1;
    }
  return { queued };
}

/** The job: one run; more pages waiting queue the next run at once. */
export async function runConnectorJob(
  orgId: string,
  connectorId: string,
  trigger: Extract<ConnectorRunTrigger, 'schedule' | 'manual'>,
) {
  const summary = await runConnector(orgId, connectorId, { trigger });
  if (summary.more)
    await requestConnectorRun(orgId, connectorId, 'schedule', `more:${summary.runId}`);
  return summary;
}
