import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  describeAudience,
  sensitivitiesAtLeast,
  splitAudience,
  type Audience,
  type AudienceCandidate,
} from '@/server/domain/attestations/campaign';
import type { PreviewAudienceInput } from '@/server/domain/attestations/inputs';
import { isoDay } from '@/server/domain/time';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

/** Everyone the audience names (one set-based read), before who cannot be asked is set aside. */
export async function audienceCandidates(
  tx: Tx,
  orgId: string,
  audience: Audience,
): Promise<{ candidates: AudienceCandidate[]; label: string }> {
  const base = and(eq(people.orgId, orgId), sql`${people.type} <> 'candidate'`);
  const select = {
    id: people.id,
    fullName: people.fullName,
    email: people.email,
    endDate: people.endDate,
  };
  if (audience.kind === 'all_staff') {
    const candidates = await tx.select(select).from(people).where(base).orderBy(people.fullName);
    return { candidates, label: describeAudience(audience) };
  }
  if (audience.kind === 'vendor_staff') {
    const [vendor] = await tx
      .select({ name: vendors.name })
      .from(vendors)
      .where(and(eq(vendors.orgId, orgId), eq(vendors.id, audience.vendorId)));
    if (!vendor) throw new UserFacingError('NOT_FOUND', 'That vendor does not exist.');
    const candidates = await tx
      .select(select)
      .from(people)
      .where(and(base, eq(people.vendorId, audience.vendorId)))
      .orderBy(people.fullName);
    return { candidates, label: describeAudience(audience, vendor.name) };
  }
  const levels = sensitivitiesAtLeast(audience.minLevel);
  const candidates = await tx
    .select(select)
    .from(people)
    .where(
      and(
        base,
        sql`exists (select 1 from access_grants g join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
          where g.org_id = ${people.orgId} and g.person_id = ${people.id} and g.status = 'active'
            and pr.sensitivity in (${sql.join(
              levels.map((l) => sql`${l}`),
              sql`, `,
            )}))`,
      ),
    )
    .orderBy(people.fullName);
  return { candidates, label: describeAudience(audience) };
}

/** The live count behind the launch form: who would be asked, who could not be, and why. */
export async function previewAudience(actor: OrgActor, input: PreviewAudienceInput) {
  const { audience } = input;
  return withTenant(tenantOf(actor), async (tx) => {
    const { candidates, label } = await audienceCandidates(tx, actor.orgId, audience);
    const split = splitAudience(candidates, isoDay(new Date()));
    return {
      label,
      recipients: split.recipients.length,
      sample: split.recipients.slice(0, 5).map((r) => r.fullName),
      skipped: split.skipped.slice(0, 50),
      skippedCount: split.skipped.length,
    };
  });
}
