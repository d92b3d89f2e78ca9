import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { outboxMessages } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { OutboxFilter } from '@/server/domain/mail/inputs';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { smtpConfigured } from './outbox';

/** The admin's outbox, newest first (keyset on created_at, id). */
export async function listOutbox(actor: OrgActor, f: OutboxFilter) {
  const after = requireCursor(f.cursor, 2);
  if (
    after &&
    (Number.isNaN(Date.parse(String(after[0]))) || !z.uuid().safeParse(after[1]).success)
  )
    throw new UserFacingError(
      'BAD_REQUEST',
      'That page link is no longer valid. Start from the first page.',
    );
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = await tx
      .select({
        id: outboxMessages.id,
        category: outboxMessages.category,
        to: outboxMessages.toAddress,
        subject: outboxMessages.subject,
        body: outboxMessages.bodyText,
        status: outboxMessages.status,
        attempts: outboxMessages.attempts,
        lastError: outboxMessages.lastError,
        createdAt: outboxMessages.createdAt,
        sentAt: outboxMessages.sentAt,
        cursorAt: sql<string>`${outboxMessages.createdAt}::text`,
      })
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.orgId, actor.orgId),
          f.status ? eq(outboxMessages.status, f.status) : undefined,
          f.to ? sql`lower(${outboxMessages.toAddress}) = lower(${f.to})` : undefined,
          // Row comparison on the exact stored microseconds (a JS Date would round them).
          after
            ? sql`(${outboxMessages.createdAt}, ${outboxMessages.id}) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(f.limit + 1);
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      smtp: smtpConfigured(),
      items: page.map(({ cursorAt: _, ...item }) => item),
      nextCursor: rows.length > f.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}
