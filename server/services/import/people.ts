import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, personIdentifiers, vendors } from '@/db/schema';
import { mapPersonRow, type PersonImportRow } from '@/server/domain/import/rows';
import { wouldCreateManagerCycle } from '@/server/domain/inventory/person';
import { appendAudit } from '@/server/services/audit/log';
import { raiseIdentityReuse } from '@/server/services/screening/identity-reuse';
import { rescreen } from '@/server/services/screening/matches';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  acceptedRows,
  changed,
  type ImportActor,
  type Recorder,
  type RowAction,
  type Rows,
} from './row-helpers';

export async function importPeople(
  tx: Tx,
  actor: ImportActor,
  rows: Rows,
  record: Recorder,
): Promise<number> {
  const existing = await tx.select().from(people).where(eq(people.orgId, actor.orgId));
  const byEmail = new Map(existing.map((p) => [p.email, p]));
  const vendorRows = await tx
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(eq(vendors.orgId, actor.orgId));
  const vendorByName = new Map(vendorRows.map((v) => [v.name.toLowerCase(), v.id]));
  const identifierRows = await tx
    .select()
    .from(personIdentifiers)
    .where(eq(personIdentifiers.orgId, actor.orgId));

  // Pass 1: validate every row, so managers may be anywhere in the file.
  const valid: { line: number; row: PersonImportRow; vendorId: string | null }[] = [];
  for (const { line, key, row } of acceptedRows(
    rows,
    record,
    mapPersonRow,
    'email',
    (r) => r.email,
    'person',
  )) {
    const vendorId = row.vendorName ? vendorByName.get(row.vendorName.toLowerCase()) : null;
    if (row.vendorName && !vendorId) {
      record(
        line,
        key,
        'reject',
        [],
        `vendor "${row.vendorName}" does not exist (import vendors first)`,
      );
      continue;
    }
    valid.push({ line, row, vendorId: vendorId ?? null });
  }
  const known = new Set([...byEmail.keys(), ...valid.map((v) => v.row.email)]);
  const accepted = valid.filter(({ line, row }) => {
    if (row.managerEmail && !known.has(row.managerEmail)) {
      record(
        line,
        row.email,
        'reject',
        [],
        `manager_email ${row.managerEmail} is neither in the file nor already a person`,
      );
      return false;
    }
    if (row.managerEmail === row.email) {
      record(line, row.email, 'reject', [], 'a person cannot be their own manager');
      return false;
    }
    return true;
  });

  // Pass 2: write people (ids first, managers after, so order in the file does not matter).
  const idByEmail = new Map(existing.map((p) => [p.email, p.id]));
  const pending: {
    line: number;
    row: PersonImportRow;
    id: string;
    action: RowAction;
    changes: string[];
  }[] = [];
  for (const { line, row, vendorId } of accepted) {
    const current = byEmail.get(row.email);
    const next = {
      email: row.email,
      fullName: row.fullName,
      type: row.type,
      vendorId:
        vendorId ??
        (row.type === 'vendor_staff' || row.type === 'contractor'
          ? (current?.vendorId ?? null)
          : null),
      ...(row.department ? { department: row.department } : {}),
      ...(row.title ? { title: row.title } : {}),
      ...(row.location ? { location: row.location } : {}),
      ...(row.country ? { country: row.country } : {}),
      ...(row.timezone ? { timezone: row.timezone } : {}),
      ...(row.workMode ? { workMode: row.workMode } : {}),
      ...(row.startDate ? { startDate: row.startDate } : {}),
      ...(row.endDate ? { endDate: row.endDate } : {}),
      ...(row.backgroundCheck ? { backgroundCheckStatus: row.backgroundCheck } : {}),
      ...(row.identityVerifiedOn
        ? { identityVerifiedAt: new Date(`${row.identityVerifiedOn}T00:00:00Z`) }
        : {}),
    };
    if (!current) {
      const [created] = await tx
        .insert(people)
        .values({ orgId: actor.orgId, ...next })
        .returning({ id: people.id });
      idByEmail.set(row.email, created!.id);
      pending.push({ line, row, id: created!.id, action: 'create', changes: [] });
    } else {
      const changes = changed(current as unknown as Record<string, unknown>, next);
      if (changes.length)
        await tx
          .update(people)
          .set({ ...next, updatedAt: new Date() })
          .where(and(eq(people.orgId, actor.orgId), eq(people.id, current.id)));
      pending.push({
        line,
        row,
        id: current.id,
        action: changes.length ? 'update' : 'unchanged',
        changes,
      });
    }
  }
  const managerOf = new Map(existing.map((p) => [p.id, p.managerId]));
  for (const p of pending) {
    const managerId = p.row.managerEmail ? idByEmail.get(p.row.managerEmail)! : undefined;
    if (managerId === undefined) continue;
    if (wouldCreateManagerCycle(p.id, managerId, managerOf)) {
      p.action = 'reject';
      record(
        p.line,
        p.row.email,
        'reject',
        [],
        `manager_email ${p.row.managerEmail} reports (directly or not) to this person`,
      );
      continue;
    }
    if (managerOf.get(p.id) !== managerId) {
      managerOf.set(p.id, managerId);
      await tx
        .update(people)
        .set({ managerId })
        .where(and(eq(people.orgId, actor.orgId), eq(people.id, p.id)));
      if (p.action === 'unchanged') p.action = 'update';
      if (p.action !== 'create') p.changes.push('managerId');
    }
  }
  if (pending.some((p) => p.action === 'reject')) {
    // A manager cycle found after writing: nothing of this import may stand half-done.
    throw new UserFacingError(
      'BAD_REQUEST',
      `Manager chains in the file loop back on themselves (line ${pending.find((p) => p.action === 'reject')!.line}); fix them and import again.`,
    );
  }
  // Identifiers: the email always, plus external_ids and phone when given.
  for (const p of pending) {
    const wanted = new Map([
      [`email:${p.row.email}`, { kind: 'email', value: p.row.email, raw: p.row.email }],
    ]);
    for (const id of p.row.identifiers) wanted.set(`${id.kind}:${id.value}`, id);
    const have = identifierRows.filter((i) => i.personId === p.id);
    const haveKeys = new Set(have.map((i) => `${i.kind}:${i.value}`));
    // Blank external_ids keep what the person has, but never without their email: it is what
    // their log events resolve by.
    const keep =
      p.row.identifiers.length === 0
        ? new Set([...haveKeys, `email:${p.row.email}`])
        : new Set(wanted.keys());
    const toAdd = [...wanted.entries()].filter(([k]) => keep.has(k) && !haveKeys.has(k));
    const toRemove = have.filter((i) => !keep.has(`${i.kind}:${i.value}`));
    for (const r of toRemove) {
      await tx
        .delete(personIdentifiers)
        .where(
          and(
            eq(personIdentifiers.orgId, actor.orgId),
            eq(personIdentifiers.personId, p.id),
            eq(personIdentifiers.kind, r.kind),
            eq(personIdentifiers.value, r.value),
          ),
        );
    }
    if (toAdd.length)
      await tx
        .insert(personIdentifiers)
        .values(toAdd.map(([, i]) => ({ orgId: actor.orgId, personId: p.id, ...i })));
    if (toAdd.length || toRemove.length) {
      if (p.action === 'unchanged') p.action = 'update';
      if (p.action !== 'create') p.changes.push('identifiers');
    }
    if (p.action !== 'unchanged') {
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'person.imported',
        entityType: 'person',
        entityId: p.id,
        after: { email: p.row.email, changes: p.action === 'create' ? 'created' : p.changes },
        requestId: actor.requestId,
        ip: actor.ip,
      });
    }
    record(p.line, p.row.email, p.action, p.changes);
  }
  // Screening follows every change to a person (issue: screening "re-screen when a person changes").
  const touched = pending.filter((p) => p.action !== 'unchanged').map((p) => p.id);
  const screened = await rescreen(tx, actor.orgId, actor.audit, touched);
  // Shared phones, wallets, devices … across people (docs/DETECTORS.md §Identity reuse).
  if (touched.length > 0)
    await raiseIdentityReuse(tx, actor.orgId, actor.audit, { personIds: touched });
  return screened.newMatches;
}
