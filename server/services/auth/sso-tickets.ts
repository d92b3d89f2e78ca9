import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { ssoTickets, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';

// Long enough for one redirect and one form post, short enough that a leaked ticket is useless.
const TICKET_SECONDS = 60;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Mints the one-time ticket a validated SAML assertion turns into; the browser redeems it through
 * next-auth's `saml` provider. The identity lives server-side; the browser carries only the
 * random token (docs/SECURITY.md §Single sign-on).
 */
export async function mintSsoTicket(userId: string, orgId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await withSystem(async (tx) => {
    await tx.delete(ssoTickets).where(lt(ssoTickets.expiresAt, sql`now() - interval '1 day'`));
    await tx.insert(ssoTickets).values({
      tokenHash: hashOf(token),
      userId,
      signInOrgId: orgId,
      expiresAt: sql`now() + make_interval(secs => ${TICKET_SECONDS})`,
    });
  });
  return token;
}

export interface RedeemedTicket {
  user: { id: string; email: string; name: string };
  orgId: string;
}

/** Redeems a ticket once (a second redemption, or one after a minute, finds nothing). */
export async function redeemSsoTicket(token: string): Promise<RedeemedTicket | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return withSystem(async (tx) => {
    const [ticket] = await tx
      .update(ssoTickets)
      .set({ redeemedAt: sql`now()` })
      .where(
        and(
          eq(ssoTickets.tokenHash, hashOf(token)),
          isNull(ssoTickets.redeemedAt),
          gt(ssoTickets.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: ssoTickets.userId, orgId: ssoTickets.signInOrgId });
    if (!ticket) return null;
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, ticket.userId));
    return user ? { user, orgId: ticket.orgId } : null;
  });
}
