import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { privileges, systems } from '@/db/schema';
import { mapSystemRow } from '@/server/domain/import/rows';
import { appendAudit } from '@/server/services/audit/log';
import { mergePrivileges } from '@/server/services/inventory/system-commands';
import {
  acceptedRows,
  changed,
  memberIdsByEmail,
  ownerOf,
  type ImportActor,
  type Recorder,
  type Rows,
} from './row-helpers';

export async function importSystems(tx: Tx, actor: ImportActor, rows: Rows, record: Recorder) {
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
