import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditLog, organizations, siemDestinations } from '@/db/schema';
import { storedSiemConfigSchema } from '@/server/domain/siem/inputs';
import { appBaseUrl } from '@/server/services/mail/outbox';
import { openOrgSecret } from '@/server/services/shared/secrets';
import type { SiemTarget } from './transport';

/** Shared reads of destinations for the commands, the streamer and the page. */
export type SiemDestinationRow = typeof siemDestinations.$inferSelect;

export const HEC_TOKEN_PURPOSE = 'siem.hec_token';

export async function destinationRow(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<SiemDestinationRow | undefined> {
  const [row] = await tx
    .select()
    .from(siemDestinations)
    .where(and(eq(siemDestinations.orgId, orgId), eq(siemDestinations.id, id)));
  return row;
}

/** The settings to send with, the token opened; throws a message an admin can act on. */
export function targetOf(row: SiemDestinationRow): SiemTarget {
  const config = storedSiemConfigSchema.parse(row.config);
  if (config.kind === 'syslog') return { kind: 'syslog', syslog: config.syslog };
  if (!row.tokenSealed) throw new Error('The HEC token is missing: enter it again.');
  return {
    kind: 'splunk_hec',
    hec: config.hec,
    token: openOrgSecret(row.orgId, HEC_TOKEN_PURPOSE, row.tokenSealed),
  };
}

export async function orgSlug(tx: Tx, orgId: string): Promise<string> {
  const [org] = await tx
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.slug ?? orgId;
}

export async function latestAuditSequence(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ seq: sql<string>`coalesce(max(${auditLog.seq}), 0)` })
    .from(auditLog)
    .where(eq(auditLog.orgId, orgId));
  return Number(row?.seq ?? 0);
}

/** The host name records carry (syslog HOSTNAME, HEC `host`): this Vigil's public host. */
export function vigilHostname(): string {
  try {
    return new URL(appBaseUrl()).hostname || 'vigil';
  } catch {
    return 'vigil';
  }
}
