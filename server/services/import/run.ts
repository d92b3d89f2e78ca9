import canonicalize from 'canonicalize';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  people,
  personIdentifiers,
  privileges,
  systems,
  vendorStatusHistory,
  vendors,
  watchlistEntries,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { readCsv } from '@/server/domain/import/csv';
import {
  GRANT_COLUMNS,
  mapGrantRow,
  mapPersonRow,
  mapSystemRow,
  mapVendorRow,
  mapWatchlistRow,
  PEOPLE_COLUMNS,
  SYSTEM_COLUMNS,
  VENDOR_COLUMNS,
  WATCHLIST_COLUMNS,
  watchlistJsonToRows,
  type PersonImportRow,
  type RowResult,
} from '@/server/domain/import/rows';
import { wouldCreateManagerCycle } from '@/server/domain/inventory/person';
import {
  checkVendorTransition,
  deriveVendorTier,
  tierQuestionnaireSchema,
  type TierQuestionnaire,
} from '@/server/domain/inventory/vendor';
import type { RequestMeta } from '@/server/services/shared/actor';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { rescreen } from '@/server/services/screening/matches';
import { mergePrivileges } from '@/server/services/inventory/system-commands';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { isoDay } from '@/server/domain/time';

export const IMPORT_KINDS = ['vendors', 'systems', 'people', 'grants', 'watchlist'] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKindSchema>;

/** Who runs an import: a member in the app, or the operator through the CLI. */
export interface ImportActor extends RequestMeta {
  orgId: string;
  userId: string | null;
  audit: AuditActor;
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'reject';

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
  rows: { line: number; key: string; action: RowAction; changes: string[]; reason?: string }[];
  /** Watchlist and people imports re-screen: how many new candidate matches await review. */
  newMatches?: number;
}

class DryRunRollback extends Error {}

async function memberIdsByEmail(tx: Tx, orgId: string): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; email: string }>(
    await tx.execute(
      sql`select u.id, u.email from users u join memberships m on m.user_id = u.id where m.org_id = ${orgId} and m.status = 'active'`,
    ),
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Fields whose value differs; objects compare by content (jsonb hands keys back in its own order). */
function changed<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter(
    (k) => canonicalize(before[k] ?? null) !== canonicalize(after[k] ?? null),
  );
}

/**
 * Imports one CSV in a single transaction: every valid row is created or updated, every bad row
 * is rejected with its line and reason, and re-importing the same file changes nothing. A dry
 * run does all of it and rolls back, so the preview is exactly what confirming would do.
 */
export async function runImport(
  actor: ImportActor,
  kind: ImportKind,
  text: string,
  options: { dryRun: boolean },
): Promise<ImportReport> {
  const columns = {
    vendors: VENDOR_COLUMNS,
    systems: SYSTEM_COLUMNS,
    people: PEOPLE_COLUMNS,
    grants: GRANT_COLUMNS,
    watchlist: WATCHLIST_COLUMNS,
  }[kind];
  // Watchlists also come as JSON (an array of objects with the CSV's column names).
  const table =
    kind === 'watchlist' && text.trimStart().startsWith('[')
      ? watchlistJsonToRows(text)
      : readCsv(text, columns);
  if (!table.ok) throw new UserFacingError('BAD_REQUEST', table.error);
  const report: ImportReport = {
    kind,
    dryRun: options.dryRun,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rows: [],
  };
  const record = (
    line: number,
    key: string,
    action: RowAction,
    changes: string[] = [],
    reason?: string,
  ) => {
    report.rows.push({ line, key, action, changes, ...(reason ? { reason } : {}) });
    if (action === 'reject') report.rejected.push({ line, reason: reason ?? 'rejected' });
    else if (action === 'create') report.created += 1;
    else if (action === 'update') report.updated += 1;
    else report.unchanged += 1;
  };
  try {
    await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
      if (kind === 'vendors') await importVendors(tx, actor, table.rows, record);
      else if (kind === 'systems') await importSystems(tx, actor, table.rows, record);
      else if (kind === 'people')
        report.newMatches = await importPeople(tx, actor, table.rows, record);
      else if (kind === 'grants') await importGrants(tx, actor, table.rows, record);
      else report.newMatches = await importWatchlist(tx, actor, table.rows, record);
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: `import.${kind}`,
        entityType: 'import',
        entityId: null,
        after: {
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected.length,
        },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!options.dryRun && report.created + report.updated > 0)
    await requestRiskRecompute(actor.orgId);
  report.rows.sort((a, b) => a.line - b.line);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

type Recorder = (
  line: number,
  key: string,
  action: RowAction,
  changes?: string[],
  reason?: string,
) => void;
type Rows = { line: number; cells: Record<string, string> }[];

/**
 * Maps every row, recording bad rows and repeats of an earlier row as rejected, and yields the
 * rest. `keyColumn` names the row in the report; `identity` decides what counts as a repeat.
 */
function* acceptedRows<T>(
  rows: Rows,
  record: Recorder,
  map: (cells: Record<string, string>) => RowResult<T>,
  keyColumn: string,
  identity: (row: T) => string,
  noun: string,
): Generator<{ line: number; key: string; row: T }> {
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const key = cells[keyColumn]?.trim() || `line ${line}`;
    const mapped = map(cells);
    if (!mapped.ok) {
      record(line, key, 'reject', [], mapped.reason);
      continue;
    }
    const id = identity(mapped.value);
    if (seen.has(id)) {
      record(line, key, 'reject', [], `the same ${noun} is on line ${seen.get(id)}`);
      continue;
    }
    seen.set(id, line);
    yield { line, key, row: mapped.value };
  }
}

/** An owner named by email must be an active member; returns the reason when not. */
function ownerOf(
  members: Map<string, string>,
  email: string | undefined,
): { userId?: string; reason?: string } {
  if (!email) return {};
  const userId = members.get(email);
  return userId
    ? { userId }
    : { reason: `owner_email ${email} is not an active member of this organization` };
}

async function importVendors(tx: Tx, actor: ImportActor, rows: Rows, record: Recorder) {
  const existing = await tx.select().from(vendors).where(eq(vendors.orgId, actor.orgId));
  const byName = new Map(existing.map((v) => [v.name.toLowerCase(), v]));
  const members = await memberIdsByEmail(tx, actor.orgId);
  for (const { line, key, row } of acceptedRows(
    rows,
    record,
    mapVendorRow,
    'name',
    (r) => r.name.toLowerCase(),
    'vendor',
  )) {
    const lower = row.name.toLowerCase();
    const { userId: ownerUserId, reason } = ownerOf(members, row.ownerEmail);
    if (reason) {
      record(line, key, 'reject', [], reason);
      continue;
    }
    const current = byName.get(lower);
    const baseQuestionnaire = tierQuestionnaireSchema.parse(current?.questionnaire ?? {});
    const questionnaire: TierQuestionnaire = row.dataCategories.length
      ? {
          ...baseQuestionnaire,
          dataCategories: row.dataCategories,
          productionAccess:
            baseQuestionnaire.productionAccess ||
            row.dataCategories.includes('production_infrastructure'),
          fundsAccess:
            baseQuestionnaire.fundsAccess || row.dataCategories.includes('funds_or_keys'),
        }
      : baseQuestionnaire;
    const derived = deriveVendorTier(questionnaire).tier;
    const tier = row.tier ?? current?.tier ?? derived;
    const next = {
      name: row.name,
      services: row.services || current?.services || '',
      ...(row.country ? { country: row.country } : {}),
      ...(row.dataCategories.length ? { dataCategories: row.dataCategories } : {}),
      ...(row.contractStart ? { contractStart: row.contractStart } : {}),
      ...(row.contractEnd ? { contractEnd: row.contractEnd } : {}),
      ...(ownerUserId ? { ownerUserId } : {}),
      questionnaire,
      inherentTier: derived,
      tier,
      tierOverrideReason:
        tier === derived
          ? null
          : (current?.tier === tier && current.tierOverrideReason) || 'Tier set by CSV import',
    };
    const status = row.status ?? current?.status ?? 'prospect';
    // Existing vendors follow the lifecycle here too; a new vendor may start in any state.
    const refusal =
      current && status !== current.status ? checkVendorTransition(current.status, status) : null;
    if (refusal) {
      record(line, row.name, 'reject', [], refusal);
      continue;
    }
    if (!current) {
      const [created] = await tx
        .insert(vendors)
        .values({ orgId: actor.orgId, ...next, status })
        .returning({ id: vendors.id });
      await tx.insert(vendorStatusHistory).values({
        orgId: actor.orgId,
        vendorId: created!.id,
        fromStatus: null,
        toStatus: status,
        reason: 'Created by CSV import',
        changedBy: actor.userId,
      });
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'vendor.imported',
        entityType: 'vendor',
        entityId: created!.id,
        after: { ...next, status },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      record(line, row.name, 'create');
      continue;
    }
    const changes = changed(current as unknown as Record<string, unknown>, { ...next, status });
    if (changes.length === 0) {
      record(line, row.name, 'unchanged');
      continue;
    }
    await tx
      .update(vendors)
      .set({ ...next, status, updatedAt: new Date() })
      .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, current.id)));
    if (status !== current.status) {
      await tx.insert(vendorStatusHistory).values({
        orgId: actor.orgId,
        vendorId: current.id,
        fromStatus: current.status,
        toStatus: status,
        reason: 'Set by CSV import',
        changedBy: actor.userId,
      });
    }
    const before = Object.fromEntries(
      changes.map((k) => [k, (current as unknown as Record<string, unknown>)[k]]),
    );
    const after = Object.fromEntries(
      changes.map((k) => [k, ({ ...next, status } as Record<string, unknown>)[k]]),
    );
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'vendor.imported',
      entityType: 'vendor',
      entityId: current.id,
      before,
      after,
      requestId: actor.requestId,
      ip: actor.ip,
    });
    record(line, row.name, 'update', changes);
  }
}

async function importSystems(tx: Tx, actor: ImportActor, rows: Rows, record: Recorder) {
  const existing = await tx.select().from(systems).where(eq(systems.orgId, actor.orgId));
  const byName = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
  const privRows = await tx.select().from(privileges).where(eq(privileges.orgId, actor.orgId));
  const members = await memberIdsByEmail(tx, actor.orgId);
  for (const { line, key, row } of acceptedRows(
    rows,
    record,
    mapSystemRow,
    'name',
    (r) => r.name.toLowerCase(),
    'system',
  )) {
    const lower = row.name.toLowerCase();
    const { userId: ownerUserId, reason } = ownerOf(members, row.ownerEmail);
    if (reason) {
      record(line, key, 'reject', [], reason);
      continue;
    }
    const current = byName.get(lower);
    const next = {
      name: row.name,
      ...(row.criticality ? { criticality: row.criticality } : {}),
      ...(row.dataClassification ? { dataClassification: row.dataClassification } : {}),
      ...(ownerUserId ? { ownerUserId } : {}),
      ...(row.aliases ? { aliases: row.aliases } : {}),
    };
    if (!current) {
      const [created] = await tx
        .insert(systems)
        .values({ orgId: actor.orgId, ...next })
        .returning({ id: systems.id });
      await mergePrivileges(tx, actor.orgId, created!.id, row.privileges);
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'system.imported',
        entityType: 'system',
        entityId: created!.id,
        after: { ...next, privileges: row.privileges },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      record(line, row.name, 'create');
      continue;
    }
    const changes = changed(current as unknown as Record<string, unknown>, next);
    const live = privRows.filter((p) => p.systemId === current.id && !p.retired);
    const privilegesChanged =
      row.privileges.length > 0 &&
      (live.length !== row.privileges.length ||
        row.privileges.some(
          (p) => !live.some((l) => l.name === p.name && l.sensitivity === p.sensitivity),
        ));
    if (privilegesChanged) changes.push('privileges');
    if (changes.length === 0) {
      record(line, row.name, 'unchanged');
      continue;
    }
    await tx
      .update(systems)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(systems.orgId, actor.orgId), eq(systems.id, current.id)));
    if (privilegesChanged) await mergePrivileges(tx, actor.orgId, current.id, row.privileges);
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'system.imported',
      entityType: 'system',
      entityId: current.id,
      before: {
        ...Object.fromEntries(
          changes
            .filter((k) => k !== 'privileges')
            .map((k) => [k, (current as unknown as Record<string, unknown>)[k]]),
        ),
        ...(privilegesChanged ? { privileges: live.map((p) => `${p.name}:${p.sensitivity}`) } : {}),
      },
      after: {
        ...Object.fromEntries(
          changes
            .filter((k) => k !== 'privileges')
            .map((k) => [k, (next as Record<string, unknown>)[k]]),
        ),
        ...(privilegesChanged
          ? { privileges: row.privileges.map((p) => `${p.name}:${p.sensitivity}`) }
          : {}),
      },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    record(line, row.name, 'update', changes);
  }
}

async function importPeople(
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
  return (await rescreen(tx, actor.orgId, actor.audit, touched)).newMatches;
}

async function importWatchlist(
  tx: Tx,
  actor: ImportActor,
  rows: Rows,
  record: Recorder,
): Promise<number> {
  const existing = await tx
    .select()
    .from(watchlistEntries)
    .where(eq(watchlistEntries.orgId, actor.orgId));
  const byKey = new Map(
    existing.map((e) => [`${e.source.toLowerCase()}|${e.name.toLowerCase()}`, e]),
  );
  let changedAny = false;
  const entryKey = (r: { source: string; name: string }) =>
    `${r.source.toLowerCase()}|${r.name.toLowerCase()}`;
  for (const { line, row } of acceptedRows(
    rows,
    record,
    (cells) => mapWatchlistRow(cells, 'manual'),
    'name',
    entryKey,
    'entry',
  )) {
    const k = entryKey(row);
    const identifiers = row.identifiers.map(({ kind, value }) => ({ kind, value }));
    const next = {
      name: row.name,
      source: row.source,
      aliases: row.aliases,
      identifiers,
      notes: row.notes ?? null,
    };
    const current = byKey.get(k);
    if (!current) {
      const [created] = await tx
        .insert(watchlistEntries)
        .values({ orgId: actor.orgId, ...next })
        .returning({ id: watchlistEntries.id });
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'watchlist.entry_imported',
        entityType: 'watchlist_entry',
        entityId: created!.id,
        after: next,
        requestId: actor.requestId,
        ip: actor.ip,
      });
      record(line, row.name, 'create');
      changedAny = true;
      continue;
    }
    const changes = changed(current as unknown as Record<string, unknown>, next);
    if (!changes.length) {
      record(line, row.name, 'unchanged');
      continue;
    }
    await tx
      .update(watchlistEntries)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(watchlistEntries.orgId, actor.orgId), eq(watchlistEntries.id, current.id)));
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'watchlist.entry_imported',
      entityType: 'watchlist_entry',
      entityId: current.id,
      before: Object.fromEntries(
        changes.map((c) => [c, (current as unknown as Record<string, unknown>)[c]]),
      ),
      after: Object.fromEntries(changes.map((c) => [c, (next as Record<string, unknown>)[c]])),
      requestId: actor.requestId,
      ip: actor.ip,
    });
    record(line, row.name, 'update', changes);
    changedAny = true;
  }
  // A new or changed list re-screens everyone.
  return changedAny ? (await rescreen(tx, actor.orgId, actor.audit)).newMatches : 0;
}

/**
 * grants.csv (spec/interfaces.md): existing access, recorded as imported (source `import`, the
 * outside approver kept as given). A grant whose start lies ahead is `approved` until the sweep
 * starts it; one already past its expiry is refused (there is nothing left to import).
 */
async function importGrants(tx: Tx, actor: ImportActor, rows: Rows, record: Recorder) {
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
