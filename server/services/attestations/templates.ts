import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { attestationTemplates } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  DEFAULT_TEMPLATES,
  DEFAULT_TEMPLATE_KEYS,
} from '@/server/domain/attestations/default-templates';
import type { SaveTemplateInput, TemplateIdInput } from '@/server/domain/attestations/inputs';
import { templateSchema } from '@/server/domain/attestations/template';
import { appendAudit, auditMemberChange, type AuditActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { rowsOf } from '@/server/services/shared/sql-helpers';

const SYSTEM: AuditActor = { type: 'system', id: null, label: 'attestations' };

/** The template as stored, read back through its schema (a stored one is always valid). */
export function storedTemplate(row: { title: string; body: string; questions: unknown }) {
  return templateSchema.parse({ title: row.title, body: row.body, questions: row.questions });
}

/**
 * Every organization starts with the shipped templates (issue 6); inserted once, by key, the first
 * time anyone looks, so organizations created before attestations existed get them too.
 */
export async function ensureDefaultTemplates(tx: Tx, orgId: string): Promise<number> {
  const [present] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(attestationTemplates)
    .where(and(eq(attestationTemplates.orgId, orgId), sql`key is not null`));
  if ((present?.n ?? 0) >= DEFAULT_TEMPLATE_KEYS.length) return 0;
  const inserted = await tx
    .insert(attestationTemplates)
    .values(
      DEFAULT_TEMPLATE_KEYS.map((key) => ({
        orgId,
        key,
        title: DEFAULT_TEMPLATES[key].title,
        body: DEFAULT_TEMPLATES[key].body,
        questions: DEFAULT_TEMPLATES[key].questions,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: attestationTemplates.id, key: attestationTemplates.key });
  if (inserted.length > 0)
    await appendAudit(tx, {
      orgId,
      actor: SYSTEM,
      action: 'attestation_template.defaults_added',
      entityType: 'attestation_template',
      after: { keys: inserted.map((r) => r.key) },
      requestId: null,
      ip: null,
    });
  return inserted.length;
}

export async function listTemplates(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    await ensureDefaultTemplates(tx, actor.orgId);
    const rows = rowsOf<{
      id: string;
      key: string | null;
      title: string;
      version: number;
      questions: number;
      updated_at: string;
      campaigns: number;
    }>(
      await tx.execute(sql`
        select t.id, t.key, t.title, t.version, jsonb_array_length(t.questions)::int as questions,
          t.updated_at::text, (select count(*)::int from attestation_campaigns c
            where c.org_id = t.org_id and c.template_id = t.id) as campaigns
        from attestation_templates t where t.org_id = ${actor.orgId}
        order by t.key is null, t.title`),
    );
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      title: r.title,
      version: r.version,
      questions: r.questions,
      updatedAt: new Date(r.updated_at),
      campaigns: r.campaigns,
    }));
  });
}

export async function getTemplate(actor: OrgActor, input: TemplateIdInput) {
  const { templateId } = input;
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select()
      .from(attestationTemplates)
      .where(
        and(eq(attestationTemplates.orgId, actor.orgId), eq(attestationTemplates.id, templateId)),
      );
    if (!row) throw new UserFacingError('NOT_FOUND', 'That template does not exist.');
    return {
      id: row.id,
      key: row.key,
      version: row.version,
      updatedAt: row.updatedAt,
      template: storedTemplate(row),
    };
  });
}

/** Creates a template, or edits one (a new version; campaigns keep the version they launched). */
export async function saveTemplate(actor: OrgActor, f: SaveTemplateInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    if (!f.templateId) {
      const [row] = await tx
        .insert(attestationTemplates)
        .values({
          orgId: actor.orgId,
          title: f.template.title,
          body: f.template.body,
          questions: f.template.questions,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning({ id: attestationTemplates.id });
      await auditMemberChange(tx, actor, {
        action: 'attestation_template.created',
        entityType: 'attestation_template',
        entityId: row!.id,
        after: f.template,
      });
      return { id: row!.id, version: 1 };
    }
    const [before] = await tx
      .select()
      .from(attestationTemplates)
      .where(
        and(eq(attestationTemplates.orgId, actor.orgId), eq(attestationTemplates.id, f.templateId)),
      )
      .for('update');
    if (!before) throw new UserFacingError('NOT_FOUND', 'That template does not exist.');
    const version = before.version + 1;
    await tx
      .update(attestationTemplates)
      .set({
        title: f.template.title,
        body: f.template.body,
        questions: f.template.questions,
        version,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(
        and(eq(attestationTemplates.orgId, actor.orgId), eq(attestationTemplates.id, f.templateId)),
      );
    await auditMemberChange(tx, actor, {
      action: 'attestation_template.updated',
      entityType: 'attestation_template',
      entityId: f.templateId,
      before: { version: before.version, ...storedTemplate(before) },
      after: { version, ...f.template },
    });
    return { id: f.templateId, version };
  });
}
