import { and, desc, eq } from 'drizzle-orm';
import { connectorRuns, connectors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ConnectorRunsInput } from '@/server/domain/connectors/inputs';
import { CONNECTOR_KIND_INFO } from '@/server/domain/connectors/kinds';
import { sourceOf } from './sources';

type Reader = { orgId: string; userId: string | null };

/** The settings page's and the CLI's list: settings, status and timings, the secret as its hint. */
export async function listConnectors(actor: Reader) {
  return withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const rows = await tx
      .select()
      .from(connectors)
      .where(eq(connectors.orgId, actor.orgId))
      .orderBy(connectors.createdAt);
    return rows.map((r) => {
      const source = sourceOf(r.kind);
      let target: string;
      try {
        target = source.describe(source.parseSettings(r.settings));
      } catch {
        target = '(settings unreadable: add it again)';
      }
      return {
        id: r.id,
        kind: r.kind,
        kindLabel: CONNECTOR_KIND_INFO[r.kind].label,
        name: r.name,
        target,
        secretHint: r.secretHint,
        status: r.status,
        intervalMinutes: r.intervalMinutes,
        nextRunAt: r.nextRunAt,
        lastSuccessAt: r.lastSuccessAt,
        lastError: r.lastError,
        lastErrorAt: r.lastErrorAt,
        running: r.leaseUntil !== null && r.leaseUntil > new Date(),
        createdAt: r.createdAt,
      };
    });
  });
}

/** A connector's recent runs, newest first (the history on the settings page). */
export async function listConnectorRuns(actor: Reader, { id, limit }: ConnectorRunsInput) {
  return withTenant({ orgId: actor.orgId, userId: actor.userId }, (tx) =>
    tx
      .select({
        id: connectorRuns.id,
        trigger: connectorRuns.trigger,
        startedAt: connectorRuns.startedAt,
        finishedAt: connectorRuns.finishedAt,
        pages: connectorRuns.pages,
        received: connectorRuns.received,
        inserted: connectorRuns.inserted,
        duplicates: connectorRuns.duplicates,
        errors: connectorRuns.errors,
        outcome: connectorRuns.outcome,
        message: connectorRuns.message,
      })
      .from(connectorRuns)
      .where(and(eq(connectorRuns.orgId, actor.orgId), eq(connectorRuns.connectorId, id)))
      .orderBy(desc(connectorRuns.startedAt))
      .limit(limit),
  );
}

/** The CLI names connectors: the one of that name (case-insensitive), or undefined. */
export async function connectorIdByName(actor: Reader, name: string) {
  const rows = await listConnectors(actor);
  return rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
}
