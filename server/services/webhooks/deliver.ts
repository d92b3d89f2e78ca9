import { and, eq, sql } from 'drizzle-orm';
import { webhookDeliveries } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { afterAttempt, isDelivered } from '@/server/domain/webhooks/retry';
import { SIGNATURE_HEADER, signatureHeader } from '@/server/domain/webhooks/signature';
import { requestMailDelivery } from '@/server/services/mail/outbox';
import { recordDeliveryFailures } from '@/server/services/observability/record';
import { UserFacingError } from '@/server/services/shared/errors';
import { openOrgSecret } from '@/server/services/shared/secrets';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { noticeDeadDelivery } from './dead-letter';
import { postPinned, type PostResult } from './http-post';
import { resolveWebhookTarget } from './url-guard';
import { nextWebhookDueAt, requestWebhookDelivery } from './wake';

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_SECRET_PURPOSE = 'webhook.secret';
const CLAIM_LIMIT = 100;
const PARALLEL = 4;

interface Claimed {
  id: string;
  endpointId: string;
  eventSeq: string | number | null;
  eventId: string;
  eventType: string;
  body: unknown;
  attempts: number;
  url: string;
  secretSealed: string;
}

export interface DeliverOptions {
  /** The whole exchange's limit; tests pass a short one. */
  timeoutMs?: number;
}

/**
 * Takes due deliveries of active endpoints by pushing their next attempt past the send's own
 * time: another worker skips them, and a worker that dies mid-send leaves them due again soon
 * (at-least-once; receivers dedupe on Vigil-Event-Id).
 */
async function claimDue(orgId: string, timeoutMs: number): Promise<Claimed[]> {
  const leaseSeconds = Math.ceil(timeoutMs / 1000) + 60;
  return withTenant({ orgId, userId: null }, async (tx) =>
    rowsOf<Claimed>(
      await tx.execute(sql`
        update webhook_deliveries d
        set next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
        from webhook_endpoints e
        where d.org_id = ${orgId} and e.org_id = d.org_id and e.id = d.endpoint_id
          and (d.org_id, d.id) in (
            select d2.org_id, d2.id from webhook_deliveries d2
            join webhook_endpoints e2 on e2.org_id = d2.org_id and e2.id = d2.endpoint_id
            where d2.org_id = ${orgId} and e2.status = 'active'
              and d2.status in ('pending', 'failed') and d2.next_attempt_at <= now()
            order by d2.event_seq nulls last, d2.created_at, d2.id
            limit ${CLAIM_LIMIT}
            for update of d2 skip locked)
        returning d.id, d.endpoint_id as "endpointId", d.event_seq as "eventSeq", d.event_id as "eventId",
          d.event_type as "eventType", d.body, d.attempts, e.url,
          e.secret_sealed as "secretSealed"`),
    ),
  );
}

/** One POST: checks the address again (DNS may have changed since the endpoint was added). */
async function attempt(orgId: string, d: Claimed, timeoutMs: number): Promise<PostResult> {
  let target;
  let secret: string;
  try {
    secret = openOrgSecret(orgId, WEBHOOK_SECRET_PURPOSE, d.secretSealed);
    target = await resolveWebhookTarget(d.url);
  } catch (error) {
    const message =
      error instanceof UserFacingError ? error.message : 'the signing secret cannot be opened';
    return { ok: false, statusCode: null, latencyMs: 0, error: `refused: ${message}` };
  }
  const body = JSON.stringify(d.body);
  const timestamp = Math.floor(Date.now() / 1000);
  return postPinned(
    target,
    {
      'Content-Type': 'application/json',
      'User-Agent': 'Vigil-Webhooks/1',
      'Vigil-Event-Id': d.eventId,
      'Vigil-Event-Type': d.eventType,
      'Vigil-Delivery-Id': d.id,
      [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
    },
    body,
    timeoutMs,
  );
}

/** Stores an attempt's result; a delivery out of attempts goes to the dead letter. */
async function record(
  orgId: string,
  d: Claimed,
  result: PostResult,
): Promise<'dead' | 'mailed' | 'ok' | 'retry'> {
  const attempts = d.attempts + 1;
  const ok = result.ok && isDelivered(result.statusCode);
  const next = afterAttempt(ok, attempts, new Date());
  const error = ok ? null : result.ok ? `HTTP ${result.statusCode}` : result.error;
  return withTenant({ orgId, userId: null }, async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status: next.status,
        attempts,
        nextAttemptAt: next.nextAttemptAt,
        responseCode: result.statusCode,
        latencyMs: result.latencyMs,
        lastError: error?.slice(0, 300) ?? null,
        deliveredAt: ok ? new Date() : null,
      })
      .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, d.id)));
    if (next.status !== 'dead') return ok ? 'ok' : 'retry';
    const mailed = await noticeDeadDelivery(tx, orgId, {
      endpointId: d.endpointId,
      url: d.url,
      eventType: d.eventType,
      attempts,
      error: error ?? 'failed',
    });
    return mailed ? 'mailed' : 'dead';
  });
}

/**
 * Sends the organization's due deliveries, a few at a time, then asks to be woken when the next
 * one falls due. Nothing here runs inside a request: the queue calls it.
 */
export async function deliverDueWebhooks(
  orgId: string,
  options: DeliverOptions = {},
): Promise<{ succeeded: number; failed: number; dead: number }> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const counts = { succeeded: 0, failed: 0, dead: 0 };
  let mailed = false;
  const due = await claimDue(orgId, timeoutMs);
  // One endpoint's deliveries go one after another, in stream order; endpoints go side by side,
  // so one slow receiver does not hold up the others.
  const byEndpoint = new Map<string, Claimed[]>();
  const seq = (d: Claimed) => (d.eventSeq === null ? Infinity : Number(d.eventSeq));
  due.sort((a, b) => seq(a) - seq(b));
  for (const d of due) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
  const queues = [...byEndpoint.values()];
  const outcomes: Awaited<ReturnType<typeof record>>[] = [];
  for (let i = 0; i < queues.length; i += PARALLEL)
    await Promise.all(
      queues.slice(i, i + PARALLEL).map(async (queue) => {
        for (const d of queue) {
          const outcome = await record(orgId, d, await attempt(orgId, d, timeoutMs));
          outcomes.push(outcome);
          // A receiver that failed now would likely fail the rest too: they wait for their lease
          // to lapse (about a minute) rather than each spending a timeout now.
          if (outcome !== 'ok') break;
        }
      }),
    );
  for (const o of outcomes) {
    if (o === 'ok') counts.succeeded += 1;
    else if (o === 'retry') counts.failed += 1;
    else counts.dead += 1;
    if (o === 'mailed') mailed = true;
  }
  recordDeliveryFailures('webhook', { retry: counts.failed, dead: counts.dead });
  if (mailed) await requestMailDelivery(orgId);
  const nextAt = await nextWebhookDueAt(orgId);
  if (nextAt) await requestWebhookDelivery(orgId, nextAt);
  return counts;
}
