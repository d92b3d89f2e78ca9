import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants, people, privileges, systems } from '@/db/schema';
import { mapGrantRow } from '@/server/domain/import/rows';
import { isoDay } from '@/server/domain/time';
import { appendAudit } from '@/server/services/audit/log';
import { acceptedRows, changed, type ImportActor, type Recorder, type Rows } from './row-helpers';

/**
 * grants.csv (docs/IMPORTS.md §grants.csv): existing access, recorded as imported (source `import`,
 * the outside approver kept as given). A grant whose start lies ahead is `approved` until the sweep
 * starts it; one already past its expiry is refused (there is nothing left to import).
 */
export async function importGrants(tx: Tx, actor: ImportActor, rows: Rows, record: Recorder) {
  const personRows = await tx
    .select({ id: people.id, email: people.email, endDate: people.endDate })
    .from(people)
    .where(eq(people.orgId, actor.orgId));
  const personByEmail = new Map(personRows.map((p) => [p.email, p]));
  const privRows = await tx
    .select({
      id: privileges.id,
      name: privileges.name,
      retired: privileges.retired,
      systemId: systems.id,
      systemName: systems.name,
    })
    .from(privileges)
    .innerJoin(
      systems,
      and(eq(systems.orgId, privileges.orgId), eq(systems.id, privileges.systemId)),
    )
    .where(eq(privileges.orgId, actor.orgId));
  const privKey = (system: string, privilege: string) =>
    `${system.toLowerCase()}\u0000${privilege.toLowerCase()}`;
  const privByKey = new Map(privRows.map((p) => [privKey(p.systemName, p.name), p]));
  const systemNames = new Set(privRows.map((p) => p.systemName.toLowerCase()));
  const open = await tx
    .select()
    .from(accessGrants)
    .where(
      and(
        eq(accessGrants.orgId, actor.orgId),
        inArray(accessGrants.status, ['pending', 'approved', 'active']),
      ),
    );
  const openByKey = new Map(open.map((g) => [`${g.personId}:${g.privilegeId}`, g]));
  const now = new Date();
  for (const { line, row } of acceptedRows(
    rows,
    record,
    mapGrantRow,
    'person_email',
    (r) => `${r.personEmail}\u0000${privKey(r.system, r.privilege)}`,
    'grant',
  )) {
    const key = `${row.personEmail} · ${row.system} · ${row.privilege}`;
    const person = personByEmail.get(row.personEmail);
    if (!person) {
      record(
        line,
        key,
        'reject',
        [],
        `no person with the email ${row.personEmail}; import people first`,
      );
      continue;
    }
    const priv = privByKey.get(privKey(row.system, row.privilege));
    if (!priv) {
      record(
        line,
        key,
        'reject',
        [],
        systemNames.has(row.system.toLowerCase())
          ? `${row.system} has no privilege named ${row.privilege}`
          : `no system named ${row.system}; import systems first`,
      );
      continue;
    }
    if (priv.retired) {
      record(line, key, 'reject', [], `${row.privilege} on ${priv.systemName} is retired`);
      continue;
    }
    if (row.expiresAt && row.expiresAt <= now) {
      record(line, key, 'reject', [], `expired on ${isoDay(row.expiresAt)}; nothing to import`);
      continue;
    }
    const startsAt = row.startsAt ?? now;
    const next = {
      status: (startsAt > now ? 'approved' : 'active') as 'approved' | 'active',
      justification: row.justification,
      startsAt,
      expiresAt: row.expiresAt,
      importedApprover: row.approvedByEmail,
    };
    const current = openByKey.get(`${person.id}:${priv.id}`);
    if (current && current.source !== 'import') {
      record(
        line,
        key,
        'reject',
        [],
        `${row.personEmail} already holds or requested this privilege in Vigil (${current.status})`,
      );
      continue;
    }
    if (current) {
      // Re-import: compare only what the file states (a missing starts_at keeps the first one).
      const stated = {
        justification: next.justification,
        expiresAt: next.expiresAt,
        importedApprover: next.importedApprover,
        ...(row.startsAt ? { startsAt: row.startsAt } : {}),
      };
      const changes = changed(current as unknown as Record<string, unknown>, stated);
      if (changes.length === 0) {
        record(line, key, 'unchanged');
        continue;
      }
      await tx
        .update(accessGrants)
        .set({ ...stated, updatedAt: now })
        .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, current.id)));
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'access.grant_imported',
        entityType: 'access_grant',
        entityId: current.id,
        before: Object.fromEntries(
          changes.map((k) => [k, (current as unknown as Record<string, unknown>)[k]]),
        ),
        after: Object.fromEntries(changes.map((k) => [k, (stated as Record<string, unknown>)[k]])),
        requestId: actor.requestId,
        ip: actor.ip,
      });
      record(line, key, 'update', changes);
      continue;
    }
    const [created] = await tx
      .insert(accessGrants)
      .values({
        orgId: actor.orgId,
        personId: person.id,
        systemId: priv.systemId,
        privilegeId: priv.id,
        source: 'import',
        requestedBy: actor.userId,
        // The best date known for access that predates Vigil is its start.
        requestedAt: startsAt < now ? startsAt : now,
        decidedAt: now,
        durationDays: row.expiresAt
          ? Math.ceil((row.expiresAt.getTime() - startsAt.getTime()) / 86_400_000)
          : null,
        ...next,
      })
      .returning({ id: accessGrants.id });
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'access.grant_imported',
      entityType: 'access_grant',
      entityId: created!.id,
      after: {
        person: row.personEmail,
        system: priv.systemName,
        privilege: priv.name,
        ...next,
        startsAt: next.startsAt.toISOString(),
        expiresAt: next.expiresAt?.toISOString() ?? null,
      },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    record(line, key, 'create');
  }
}
