import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { setTenant, withSystem, withTenant } from '@/db/tenant';
import type {
  CreateOrganizationInput,
  UpdateOrganizationInput,
} from '@/server/domain/tenancy/organization-inputs';
import {
  orgSettingsSchema,
  readOrgSettings,
  type OrgSettings,
} from '@/server/domain/tenancy/settings';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';

export const SYSTEM_ACTOR = { type: 'system' as const, id: null, label: 'vigil-cli' };

/** Idempotent on slug (docs/INTERFACES.md §Commands). */
export async function createOrganization({ slug, name }: CreateOrganizationInput) {
  return withSystem(async (tx) => {
    const [existing] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
    if (existing) return { org: existing, created: false };
    const [org] = await tx
      .insert(organizations)
      .values({ slug, name, settings: orgSettingsSchema.parse({}) })
      .returning();
    if (!org) throw new Error('organization insert returned nothing');
    await setTenant(tx, org.id);
    await appendAudit(tx, {
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      action: 'org.created',
      entityType: 'organization',
      entityId: org.id,
      after: { slug, name },
      requestId: null,
      ip: null,
    });
    return { org, created: true };
  });
}

/** `slug` as slugSchema parses it (trimmed, lower-case). */
export async function findOrganizationBySlug(slug: string) {
  const [org] = await withSystem((tx) =>
    tx.select().from(organizations).where(eq(organizations.slug, slug)),
  );
  return org ?? null;
}

export async function getOrganization(actor: OrgActor) {
  const [org] = await withTenant(tenantOf(actor), (tx) =>
    tx.select().from(organizations).where(eq(organizations.id, actor.orgId)),
  );
  if (!org) throw new Error('active organization not found');
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    createdAt: org.createdAt,
    settings: readOrgSettings(org.settings),
  };
}

export async function updateOrganization(actor: OrgActor, next: UpdateOrganizationInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, actor.orgId));
    if (!before) throw new Error('active organization not found');
    const settings: OrgSettings = next.settings;
    await tx
      .update(organizations)
      .set({ name: next.name, settings })
      .where(eq(organizations.id, actor.orgId));
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'org.settings_updated',
      entityType: 'organization',
      entityId: actor.orgId,
      before: { name: before.name, settings: readOrgSettings(before.settings) },
      after: { name: next.name, settings },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { name: next.name, settings };
  });
}
