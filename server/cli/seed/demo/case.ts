import { and, eq, inArray } from 'drizzle-orm';
import { people, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { caseNoteSchema, openCaseSchema } from '@/server/domain/cases/inputs';
import { addCaseNote, openCase } from '@/server/services/cases/case-commands';
import type { OrgActor } from '@/server/services/shared/actor';

// The export's findings; Jun's other signals stay in the queue for triage.
const NIGHT_EXPORT_KINDS = ['bulk_record_access', 'off_hours', 'remote_access_tool'] as const;

/** One open case about Jun Reyes's night export, so the demo shows an investigation under way. */
export async function seedCase(compliance: OrgActor) {
  const night = await withTenant({ orgId: compliance.orgId, userId: compliance.userId }, (tx) =>
    tx
      .select({ id: signals.id, kind: signals.kind })
      .from(signals)
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .where(
        and(
          eq(signals.orgId, compliance.orgId),
          eq(people.email, 'jun.reyes@manilasupport.example'),
          inArray(signals.kind, [...NIGHT_EXPORT_KINDS]),
        ),
      ),
  );
  if (night.length === 0) return;
  const opened = await openCase(
    compliance,
    openCaseSchema.parse({
      title: 'Jun Reyes: night export of VIP customers',
      summary:
        'A 3,120-record export of customers-vip.csv at 02:00 Manila time, from an Amsterdam IP through a remote-access tool. Establish whether the account was shared or sold.',
      severity: 'critical',
      assigneeUserId: compliance.userId,
      signalIds: night.map((s) => s.id),
    }),
  );
  await addCaseNote(
    compliance,
    caseNoteSchema.parse({
      caseId: opened.id,
      body: 'Asked Manila Support Partners for the agent’s shift roster and device inventory.',
    }),
  );
}
