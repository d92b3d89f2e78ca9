import { and, eq, sql } from 'drizzle-orm';
import { chatConnections, chatDeliveries } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  approvalNotice,
  slackApprovalMessage,
  slackNotice,
  teamsCard,
  type NoticeFacts,
  type SlackMessage,
} from '@/server/domain/chat/messages';
import { channelNotice } from '@/server/domain/chat/notices';
import { OUTBOUND_EVENT_DATA, type StoredOutboundEvent } from '@/server/domain/outbound/events';
import {
  recordConnectorFailure,
  recordDeliveryFailures,
} from '@/server/services/observability/record';
import { readOutboundEvents } from '@/server/services/outbound/events';
import { loadWaitingStep } from './approval-facts';
import {
  openConnection,
  type ChatConnectionRow,
  type OpenedConnection,
} from './connection-records';
import { recordConnectionOutcome } from './connection-state';
import { sendChatNotices } from './notices';
import { ChatDeliveryError, postToWebhook, slackClient, slackFailure } from './transport';

const BATCH = 100;
/** A claim older than this was left by a run that died mid-send: it is sent again. */
const STALE_CLAIM = sql`interval '5 minutes'`;

interface Message {
  /** `channel` or `user:<id>`: with the event's sequence, what makes a message unique. */
  target: string;
  send: () => Promise<void>;
}

type Counts = { sent: number; skipped: number; failed: number };

/** Slack DM: the member's Slack account found by their Vigil email, then a DM opened to them. */
async function sendDirect(
  conn: Extract<OpenedConnection, { mode: 'bot' }>,
  email: string,
  message: SlackMessage,
) {
  const client = slackClient(conn.token);
  try {
    const found = await client.users.lookupByEmail({ email });
    const opened = await client.conversations.open({ users: found.user!.id! });
    await client.chat.postMessage({ channel: opened.channel!.id!, ...message });
  } catch (error) {
    throw slackFailure(error);
  }
}

async function sendChannel(row: ChatConnectionRow, conn: OpenedConnection, notice: NoticeFacts) {
  if (row.kind === 'teams') return postToWebhook((conn as { url: string }).url, teamsCard(notice));
  if (conn.mode === 'webhook') return postToWebhook(conn.url, slackNotice(notice));
  try {
    await slackClient(conn.token).chat.postMessage({
      channel: conn.channelId!,
      ...slackNotice(notice),
    });
  } catch (error) {
    throw slackFailure(error);
  }
}

/** What one event sends through one connection (often nothing). */
async function plan(
  row: ChatConnectionRow,
  conn: OpenedConnection,
  event: StoredOutboundEvent,
): Promise<Message[]> {
  if (event.type === 'access.step_waiting') {
    const data = OUTBOUND_EVENT_DATA['access.step_waiting'].safeParse(event.data);
    if (!data.success || !data.data.step) return [];
    const step = data.data.step;
    const waiting = await withTenant({ orgId: row.orgId, userId: null }, (tx) =>
      loadWaitingStep(tx, row.orgId, data.data.grant.id, step.id),
    );
    if (!waiting) return [];
    if (conn.mode === 'bot')
      return waiting.recipients.map((r) => ({
        target: `user:${r.userId}`,
        send: () => sendDirect(conn, r.email, slackApprovalMessage(waiting.facts, true)),
      }));
    return [
      { target: 'channel', send: () => sendChannel(row, conn, approvalNotice(waiting.facts)) },
    ];
  }
  const notice = channelNotice(event.type, event.data);
  if (!notice || (conn.mode === 'bot' && !conn.channelId)) return [];
  return [{ target: 'channel', send: () => sendChannel(row, conn, notice) }];
}

/**
 * Claims one message before sending it: a second run (or a retry after another recipient failed)
 * finds it claimed or sent and leaves it. A failed message, or one whose sender died, is claimed again.
 */
async function claim(row: ChatConnectionRow, seq: number, target: string): Promise<boolean> {
  const rows = await withTenant({ orgId: row.orgId, userId: null }, (tx) =>
    tx
      .insert(chatDeliveries)
      .values({ orgId: row.orgId, connectionId: row.id, seq, target, status: 'sending' })
      .onConflictDoUpdate({
        target: [
          chatDeliveries.orgId,
          chatDeliveries.connectionId,
          chatDeliveries.seq,
          chatDeliveries.target,
        ],
        set: { status: 'sending', claimedAt: sql`now()`, detail: null },
        setWhere: sql`${chatDeliveries.status} = 'failed' or (${chatDeliveries.status} = 'sending' and ${chatDeliveries.claimedAt} < now() - ${STALE_CLAIM})`,
      })
      .returning({ seq: chatDeliveries.seq }),
  );
  return rows.length > 0;
}

async function settle(
  row: ChatConnectionRow,
  seq: number,
  target: string,
  status: 'sent' | 'failed' | 'skipped',
  detail: string | null,
) {
  await withTenant({ orgId: row.orgId, userId: null }, (tx) =>
    tx
      .update(chatDeliveries)
      .set({ status, detail })
      .where(
        and(
          eq(chatDeliveries.orgId, row.orgId),
          eq(chatDeliveries.connectionId, row.id),
          eq(chatDeliveries.seq, seq),
          eq(chatDeliveries.target, target),
        ),
      ),
  );
}

function readAfter(row: ChatConnectionRow, after: number) {
  return withTenant({ orgId: row.orgId, userId: null }, (tx) =>
    readOutboundEvents(tx, row.orgId, after, BATCH),
  );
}

/**
 * Sends one connection's events after its checkpoint, in order. A failure stops the run at that
 * event (the checkpoint stays before it) so the next dispatch retries it; messages already sent
 * for it are not sent again. A recipient Slack does not know is skipped, not retried.
 */
async function runConnection(row: ChatConnectionRow): Promise<Counts> {
  const counts: Counts = { sent: 0, skipped: 0, failed: 0 };
  let events = await readAfter(row, row.checkpoint);
  if (events.length === 0) return counts;
  let conn: OpenedConnection;
  try {
    conn = openConnection(row);
  } catch (error) {
    await recordConnectionOutcome(row, {
      delivered: false,
      failure: new ChatDeliveryError('auth', (error as Error).message),
    });
    recordConnectorFailure('chat');
    return { ...counts, failed: 1 };
  }
  let checkpoint = row.checkpoint;
  let failure: ChatDeliveryError | null = null;
  let recipientProblem: ChatDeliveryError | null = null;
  outer: for (;;) {
    for (const event of events) {
      for (const message of await plan(row, conn, event)) {
        if (!(await claim(row, event.seq, message.target))) continue;
        try {
          await message.send();
          await settle(row, event.seq, message.target, 'sent', null);
          counts.sent += 1;
        } catch (error) {
          const f = error instanceof ChatDeliveryError ? error : slackFailure(error);
          if (f.kind === 'recipient') {
            await settle(row, event.seq, message.target, 'skipped', f.message);
            recipientProblem = f;
            counts.skipped += 1;
            continue;
          }
          await settle(row, event.seq, message.target, 'failed', f.message);
          counts.failed += 1;
          failure = f;
          recordDeliveryFailures('chat', { retry: 1 });
          recordConnectorFailure('chat');
          break outer;
        }
      }
      checkpoint = event.seq;
    }
    if (events.length < BATCH) break;
    events = await readAfter(row, checkpoint);
  }
  await recordConnectionOutcome(row, {
    checkpoint,
    delivered: counts.sent > 0,
    failure: failure ?? recipientProblem,
  });
  return counts;
}

/** Every connection of the organization; one in `needs_attention` waits for an admin. */
export async function runChatDelivery(orgId: string): Promise<Record<string, number>> {
  const rows = await withTenant({ orgId, userId: null }, (tx) =>
    tx.select().from(chatConnections).where(eq(chatConnections.orgId, orgId)),
  );
  const total: Counts = { sent: 0, skipped: 0, failed: 0 };
  for (const row of rows) {
    if (row.status === 'needs_attention') continue;
    const c = await runConnection(row);
    total.sent += c.sent;
    total.skipped += c.skipped;
    total.failed += c.failed;
  }
  const notices = await sendChatNotices(orgId);
  return { ...total, notices: notices.sent, noticesFailed: notices.failed };
}
