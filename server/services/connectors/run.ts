import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { connectorRuns, connectors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  CONNECTOR_KIND_INFO,
  type ConnectorRunOutcome,
  type ConnectorRunTrigger,
} from '@/server/domain/connectors/kinds';
import { connectorAttentionNotice } from '@/server/domain/connectors/notice';
import { appendAudit } from '@/server/services/audit/log';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { appBaseUrl, requestMailDelivery } from '@/server/services/mail/outbox';
import { notify } from '@/server/services/notifications/send';
import { recordOutboundEvent } from '@/server/services/outbound/events';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  byId,
  connectorAuditActor,
  connectorRow,
  openConnectorSecret,
  type ConnectorRow,
} from './connector-rows';
import { DEFAULT_RETRY, fetchPageWithRetries, type RetryPolicy } from './fetch-page';
import { getPinned } from './http-get';
import { sourceOf } from './sources';

export interface RunOptions {
  trigger: ConnectorRunTrigger;
  /** Pages per run; a connector further behind continues in a run queued at once. */
  maxPages?: number;
  retry?: Partial<RetryPolicy>;
  /** Tests: runs after a page is ingested and before its checkpoint is saved (a crash there). */
  afterIngest?: (page: number) => void | Promise<void>;
}

export interface ConnectorRunSummary {
  connectorId: string;
  name: string;
  runId: string | null;
  outcome: ConnectorRunOutcome | 'skipped';
  pages: number;
  received: number;
  inserted: number;
  duplicates: number;
  errors: number;
  message: string | null;
  /** More pages wait: the caller queues another run now. */
  more: boolean;
}

const LEASE_MS = 15 * 60_000;
const DEFAULT_MAX_PAGES = 100;
const STOPPED_MID_RUN =
  'Stopped mid-run (the worker stopped); the next run resumed from the last saved page.';

type Claim = { row: ConnectorRow; runId: string } | { skipped: string; row?: ConnectorRow };

/** Takes the connector's lease and opens a run row, or says why it does not run now. */
async function claim(orgId: string, id: string, trigger: ConnectorRunTrigger): Promise<Claim> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const row = await connectorRow(tx, orgId, id, true);
    if (!row) return { skipped: 'No such connector.' };
    if (trigger === 'schedule' && row.status !== 'active')
      return { skipped: `The connector is ${row.status.replace('_', ' ')}.`, row };
    if (trigger === 'manual' && row.status === 'paused')
      return { skipped: 'The connector is paused.', row };
    if (row.leaseUntil && row.leaseUntil > new Date())
      return { skipped: 'A run of this connector is in progress.', row };
    // A run its worker never finished: it is over, and this one resumes from its checkpoint.
    await tx
      .update(connectorRuns)
      .set({ outcome: 'failed', finishedAt: new Date(), message: STOPPED_MID_RUN })
      .where(
        and(
          eq(connectorRuns.orgId, orgId),
          eq(connectorRuns.connectorId, id),
          eq(connectorRuns.outcome, 'running'),
        ),
      );
    const runId = randomUUID();
    await tx
      .update(connectors)
      .set({ leaseOwner: runId, leaseUntil: new Date(Date.now() + LEASE_MS) })
      .where(byId(orgId, id));
    await tx.insert(connectorRuns).values({ orgId, id: runId, connectorId: id, trigger });
    return { row, runId };
  });
}

/**
 * One pass of a connector (docs/CONNECTORS.md §Runs): page after page from the stored cursor,
 * each page through the kind's ingest parser (so source ids dedupe a page fetched twice and
 * detection runs per batch as after an upload), the cursor saved after each page. What the
 * provider does (refusals, rate limits, outages, bad pages) ends the run with an outcome; it is
 * never thrown, so the worker carries on.
 */
export async function runConnector(
  orgId: string,
  connectorId: string,
  options: RunOptions,
): Promise<ConnectorRunSummary> {
  const claimed = await claim(orgId, connectorId, options.trigger);
  const summary: ConnectorRunSummary = {
    connectorId,
    name: claimed.row?.name ?? '',
    runId: null,
    outcome: 'skipped',
    pages: 0,
    received: 0,
    inserted: 0,
    duplicates: 0,
    errors: 0,
    message: null,
    more: false,
  };
  if ('skipped' in claimed) return { ...summary, message: claimed.skipped };
  const { row, runId } = claimed;
  summary.runId = runId;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  let retryAt: Date | undefined;
  try {
    const source = sourceOf(row.kind);
    let secret: string;
    let settings: unknown;
    try {
      secret = openConnectorSecret(row);
      settings = source.parseSettings(row.settings);
    } catch (e) {
      summary.outcome = 'needs_attention';
      summary.message = `${(e as Error).message.slice(0, 300)} Enter the settings or token again.`;
      return await finish(row, runId, summary);
    }
    const actor: IngestActor = {
      orgId,
      userId: null,
      audit: connectorAuditActor(row),
      requestId: null,
      ip: null,
    };
    const format = CONNECTOR_KIND_INFO[row.kind].format;
    let cursor = row.cursor;
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    for (let page = 1; ; page++) {
      const context = { settings, secret, now: new Date(), get: getPinned };
      const fetched = await fetchPageWithRetries(source, context, cursor, retry);
      if (!fetched.ok) {
        summary.outcome = fetched.outcome;
        summary.message = fetched.message;
        retryAt = fetched.retryAt;
        break;
      }
      const { records, nextCursor } = fetched.page;
      if (records.length === 0) {
        // Caught up: the provider's next link is where the next poll starts.
        if (nextCursor && nextCursor !== cursor) await checkpoint(row, runId, nextCursor, summary);
        summary.outcome = 'succeeded';
        break;
      }
      const ndjson = records.map((r) => JSON.stringify(r)).join('\n');
      const ingested = await ingestEvents(actor, format, [ndjson], {
        channel: 'connector',
        fileName: `${row.name} (connector)`,
      });
      summary.pages += 1;
      summary.received += ingested.received;
      summary.inserted += ingested.inserted;
      summary.duplicates += ingested.duplicates;
      summary.errors += ingested.rejected;
      await options.afterIngest?.(page);
      cursor = nextCursor ?? cursor;
      await checkpoint(row, runId, cursor, summary);
      if (!nextCursor) {
        summary.outcome = 'succeeded';
        break;
      }
      if (page >= maxPages) {
        summary.outcome = 'succeeded';
        summary.more = true;
        break;
      }
    }
  } catch (e) {
    summary.outcome = 'failed';
    // Only our own messages are kept: a database error may quote the values it refused.
    summary.message =
      e instanceof UserFacingError
        ? e.message
        : 'The run stopped on an internal error; the next run resumes from the last saved page.';
    console.warn(
      `[vigil] connector ${connectorId} run failed: ${e instanceof Error ? e.name : 'error'}`,
    );
  }
  return finish(row, runId, summary, retryAt);
}

/** Saves the cursor and the run's counts so far, and renews the lease, in one transaction. */
async function checkpoint(
  row: ConnectorRow,
  runId: string,
  cursor: string | null,
  s: ConnectorRunSummary,
) {
  await withTenant({ orgId: row.orgId, userId: null }, async (tx) => {
    await tx
      .update(connectors)
      .set({ cursor, leaseUntil: new Date(Date.now() + LEASE_MS) })
      .where(and(byId(row.orgId, row.id), eq(connectors.leaseOwner, runId)));
    await tx
      .update(connectorRuns)
      .set({
        pages: s.pages,
        received: s.received,
        inserted: s.inserted,
        duplicates: s.duplicates,
        errors: s.errors,
      })
      .where(and(eq(connectorRuns.orgId, row.orgId), eq(connectorRuns.id, runId)));
  });
}

/** Closes the run, sets the connector's status and next run, audits, and mails on a refusal. */
async function finish(
  row: ConnectorRow,
  runId: string,
  s: ConnectorRunSummary,
  retryAt?: Date,
): Promise<ConnectorRunSummary> {
  const now = new Date();
  const regular = new Date(now.getTime() + row.intervalMinutes * 60_000);
  const nextRunAt = s.more ? now : retryAt && retryAt > regular ? retryAt : regular;
  const mailed = await withTenant({ orgId: row.orgId, userId: null }, async (tx) => {
    const current = await connectorRow(tx, row.orgId, row.id, true);
    if (!current) return 0; // deleted while it ran: its runs went with it
    const attention = s.outcome === 'needs_attention';
    // Paused meanwhile stays paused; a refusal needs an admin whatever the status was.
    const status = attention ? 'needs_attention' : current.status;
    await tx
      .update(connectorRuns)
      .set({
        finishedAt: now,
        outcome: s.outcome === 'skipped' ? 'failed' : s.outcome,
        message: s.message,
        pages: s.pages,
        received: s.received,
        inserted: s.inserted,
        duplicates: s.duplicates,
        errors: s.errors,
      })
      .where(and(eq(connectorRuns.orgId, row.orgId), eq(connectorRuns.id, runId)));
    await tx
      .update(connectors)
      .set({
        status,
        nextRunAt,
        leaseOwner: null,
        leaseUntil: null,
        ...(s.outcome === 'succeeded'
          ? { lastSuccessAt: now, lastError: null, lastErrorAt: null }
          : { lastError: s.message, lastErrorAt: now }),
        updatedAt: sql`now()`,
      })
      .where(byId(row.orgId, row.id));
    await appendAudit(tx, {
      orgId: row.orgId,
      actor: connectorAuditActor(row),
      action: 'connector.run',
      entityType: 'connector',
      entityId: row.id,
      after: {
        runId,
        outcome: s.outcome,
        pages: s.pages,
        received: s.received,
        inserted: s.inserted,
        duplicates: s.duplicates,
        errors: s.errors,
        message: s.message,
        ...(status !== current.status ? { status } : {}),
      },
      requestId: null,
      ip: null,
    });
    if (!attention || current.status === 'needs_attention') return 0;
    // Webhooks, Slack and SIEM streams hear of it too (docs/INTEGRATIONS.md §Events).
    await recordOutboundEvent(
      tx,
      row.orgId,
      'connector.failed',
      { type: 'connector', id: row.id },
      {
        connector: { id: row.id, kind: row.kind, name: row.name },
        error: s.message ?? 'The provider refused access.',
        url: `${appBaseUrl()}/settings/connectors`,
      },
    );
    return notify(
      tx,
      row.orgId,
      connectorAttentionNotice(appBaseUrl(), row, s.message ?? 'The provider refused access.'),
      { roles: ['admin'] },
    );
  });
  if (mailed > 0) await requestMailDelivery(row.orgId);
  return s;
}
