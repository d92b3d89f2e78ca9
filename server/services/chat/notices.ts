import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { chatNotices } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { CHAT_NOTICE_MAX_ATTEMPTS } from '@/server/domain/chat/kinds';
import { slackNotice } from '@/server/domain/chat/messages';
import type { Notice } from '@/server/domain/notifications/notice';
import { noteOutboundPending } from '@/server/services/outbound/dispatch';
import { loadConnection, openConnection } from './connection-records';
import { slackClient, slackFailure } from './transport';

const BATCH = 50;

/**
 * Queues the Slack copy of notices already mailed, in the same transaction, when the organization
 * connected Slack as a bot (docs/NOTIFICATIONS.md §Slack). Approval steps are left out: their DM
 * comes from the `access.step_waiting` event, with Approve and Deny buttons.
 */
export async function queueChatNotices(
  tx: Tx,
  orgId: string,
  deliveries: readonly { recipient: { userId: string; email: string }; notice: Notice }[],
): Promise<number> {
  const wanted = deliveries.filter((d) => d.notice.category !== 'approvals');
  if (wanted.length === 0) return 0;
  const slack = await loadConnection(tx, orgId, 'slack');
  if (!slack || slack.mode !== 'bot' || slack.status === 'needs_attention') return 0;
  await tx.insert(chatNotices).values(
    wanted.map(({ recipient, notice }) => ({
      orgId,
      userId: recipient.userId,
      email: recipient.email,
      category: notice.category,
      subject: notice.subject,
      lines: notice.lines,
      link: notice.link,
      status: 'queued' as const,
    })),
  );
  noteOutboundPending(orgId);
  return wanted.length;
}

/** Claims waiting notices (a claim older than five minutes was left by a run that died). */
async function claimNotices(orgId: string) {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const due = await tx
      .select({ id: chatNotices.id })
      .from(chatNotices)
      .where(
        and(
          eq(chatNotices.orgId, orgId),
          or(
            eq(chatNotices.status, 'queued'),
            and(
              eq(chatNotices.status, 'sending'),
              lt(chatNotices.claimedAt, sql`now() - interval '5 minutes'`),
            ),
          ),
        ),
      )
      .orderBy(asc(chatNotices.createdAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(chatNotices)
      .set({ status: 'sending', claimedAt: new Date(), attempts: sql`${chatNotices.attempts} + 1` })
      .where(
        and(
          eq(chatNotices.orgId, orgId),
          inArray(
            chatNotices.id,
            due.map((d) => d.id),
          ),
        ),
      )
      .returning();
  });
}

async function settle(
  orgId: string,
  id: string,
  status: 'queued' | 'sent' | 'failed' | 'skipped',
  detail: string | null,
) {
  await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .update(chatNotices)
      .set({ status, detail })
      .where(and(eq(chatNotices.orgId, orgId), eq(chatNotices.id, id))),
  );
}

/**
 * Sends the organization's waiting Slack notices as DMs, found by the member's Vigil email. A
 * member Slack does not know is skipped; other failures retry on the next dispatch, up to
 * CHAT_NOTICE_MAX_ATTEMPTS (the mail went regardless).
 */
export async function sendChatNotices(
  orgId: string,
): Promise<{ sent: number; skipped: number; failed: number }> {
  const counts = { sent: 0, skipped: 0, failed: 0 };
  const row = await withTenant({ orgId, userId: null }, (tx) => loadConnection(tx, orgId, 'slack'));
  if (!row || row.mode !== 'bot' || row.status === 'needs_attention') return counts;
  const claimed = await claimNotices(orgId);
  if (claimed.length === 0) return counts;
  const conn = openConnection(row);
  if (conn.mode !== 'bot') return counts;
  const client = slackClient(conn.token);
  for (const n of claimed) {
    try {
      const found = await client.users.lookupByEmail({ email: n.email });
      const opened = await client.conversations.open({ users: found.user!.id! });
      await client.chat.postMessage({
        channel: opened.channel!.id!,
        ...slackNotice({ title: n.subject, summary: n.lines.join('\n'), facts: [], url: n.link }),
      });
      await settle(orgId, n.id, 'sent', null);
      counts.sent += 1;
    } catch (error) {
      const f = slackFailure(error);
      if (f.kind === 'recipient') {
        await settle(orgId, n.id, 'skipped', f.message);
        counts.skipped += 1;
        continue;
      }
      const last = n.attempts >= CHAT_NOTICE_MAX_ATTEMPTS;
      await settle(orgId, n.id, last ? 'failed' : 'queued', f.message);
      counts.failed += 1;
      if (f.kind === 'auth') break;
    }
  }
  return counts;
}
