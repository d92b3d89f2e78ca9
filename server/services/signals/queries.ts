import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { caseSignals, cases, people, signals, SIGNAL_STATUSES, users, vendors } from '@/db/schema';
import { accessEvents } from '@/db/schema/access-events';
import { withTenant } from '@/db/tenant';
import { caseReference, detectorPrecision } from '@/server/domain/cases/case';
import { SIGNAL_KINDS } from '@/server/domain/detectors/types';
import type {
  ListSignalsInput,
  PersonTimelineInput,
  SignalIdInput,
} from '@/server/domain/signals/inputs';
import {
  identifiersOf,
  loadInvestigationView,
  maskerFor,
  namesShown,
  peopleNamedBy,
  signalReadScope,
  subjectOf,
} from '@/server/services/privacy/investigation-view';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  beforeCursor,
  encodeCursor,
  microsKey,
  requireCursor,
} from '@/server/services/shared/keyset';
import { signalEvidence } from './evidence';
import { signalRelations } from './related-queries';

/**
 * The signal queue, newest first, keyset-paginated (docs/BENCHMARKS.md §Targets). People show by
 * pseudonym where the member sees pseudonyms (docs/PRIVACY.md §Pseudonymized investigation), and a
 * person filter works only for people whose names the member sees, so it cannot test a name.
 */
export async function listSignals(actor: OrgActor, f: ListSignalsInput) {
  const conditions: SQL[] = [eq(signals.orgId, actor.orgId)];
  if (f.status !== 'all') conditions.push(eq(signals.status, f.status));
  if (f.day)
    conditions.push(
      sql`${signals.windowEnd} >= ${f.day}::date and ${signals.windowEnd} < ${f.day}::date + 1`,
    );
  if (f.kind) conditions.push(eq(signals.kind, f.kind));
  if (f.severity) conditions.push(eq(signals.severity, f.severity));
  if (f.personId) conditions.push(eq(signals.personId, f.personId));
  if (f.vendorId) conditions.push(eq(signals.vendorId, f.vendorId));
  const cursor = requireCursor(f.cursor, 2);
  if (cursor) conditions.push(beforeCursor(signals.createdAt, signals.id, cursor));
  return withTenant(tenantOf(actor), async (tx) => {
    const view = await loadInvestigationView(tx, actor);
    const scope = signalReadScope(view, signals.personId);
    if (scope) conditions.push(scope);
    if (f.personId && !(await namesShown(tx, view, [f.personId])).has(f.personId))
      throw new UserFacingError(
        'FORBIDDEN',
        'Signals are pseudonymized: open a case on the person or reveal them from one of their signals to list their signals.',
      );
    const rows = await tx
      .select({
        id: signals.id,
        kind: signals.kind,
        severity: signals.severity,
        status: signals.status,
        explanation: signals.explanation,
        stats: signals.stats,
        windowStart: signals.windowStart,
        windowEnd: signals.windowEnd,
        createdAt: signals.createdAt,
        cursorAt: microsKey(signals.createdAt),
        person: { id: people.id, fullName: people.fullName },
        vendor: { id: vendors.id, name: vendors.name },
      })
      .from(signals)
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .leftJoin(vendors, and(eq(vendors.orgId, signals.orgId), eq(vendors.id, signals.vendorId)))
      .where(and(...conditions))
      .orderBy(desc(signals.createdAt), desc(signals.id))
      .limit(f.limit + 1);
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    const named = new Map(page.map((r) => [r.id, [r.person.id, ...peopleNamedBy(r.stats)]]));
    const personIds = [...named.values()].flat();
    const shown = await namesShown(tx, view, personIds);
    const hidden = personIds.filter((id) => !shown.has(id));
    const mask = maskerFor(view, await identifiersOf(tx, actor.orgId, hidden), shown);
    return {
      items: page.map(({ stats: _s, cursorAt: _at, ...r }) => ({
        ...r,
        explanation: mask(named.get(r.id)!, r.explanation),
        person: subjectOf(view, shown, r.person),
        vendor: r.vendor?.id ? r.vendor : null,
      })),
      nextCursor: rows.length > f.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}

export async function signalCounts(actor: OrgActor) {
  const rows = await withTenant(tenantOf(actor), async (tx) => {
    const scope = signalReadScope(await loadInvestigationView(tx, actor), signals.personId);
    return tx
      .select({ status: signals.status, n: sql<number>`count(*)::int` })
      .from(signals)
      .where(and(eq(signals.orgId, actor.orgId), scope))
      .groupBy(signals.status);
  });
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<(typeof SIGNAL_STATUSES)[number], number>
  >;
}

/**
 * Every detector kind with its signals by outcome and its precision, confirmed ÷ (confirmed +
 * dismissed) (docs/DETECTORS.md §Triage and precision), from one grouped query. `open` counts
 * signals awaiting triage (open or acknowledged); `inCase` those escalated into a case not yet
 * closed.
 */
export async function detectorStats(actor: OrgActor) {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        kind: signals.kind,
        open: sql<number>`count(*) filter (where ${signals.status} in ('open', 'acknowledged'))::int`,
        inCase: sql<number>`count(*) filter (where ${signals.status} = 'escalated')::int`,
        confirmed: sql<number>`count(*) filter (where ${signals.status} = 'confirmed')::int`,
        dismissed: sql<number>`count(*) filter (where ${signals.status} = 'dismissed')::int`,
        total: sql<number>`count(*)::int`,
      })
      .from(signals)
      .where(eq(signals.orgId, actor.orgId))
      .groupBy(signals.kind),
  );
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const kinds = [...new Set<string>([...SIGNAL_KINDS, ...rows.map((r) => r.kind)])];
  return kinds.map((kind) => {
    const r = byKind.get(kind) ?? { open: 0, inCase: 0, confirmed: 0, dismissed: 0, total: 0 };
    return {
      kind,
      open: r.open,
      inCase: r.inCase,
      confirmed: r.confirmed,
      dismissed: r.dismissed,
      total: r.total,
      precision: detectorPrecision(r),
    };
  });
}

/**
 * One signal with its evidence events (read inside the signal's window, so partitions prune) and
 * what its page links to: a chain's parts, the chains it is part of, a reused identifier's holders.
 */
export async function getSignal(actor: OrgActor, { signalId }: SignalIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({
        signal: signals,
        person: {
          id: people.id,
          fullName: people.fullName,
          email: people.email,
          timezone: people.timezone,
        },
        vendor: { id: vendors.id, name: vendors.name },
        statusByEmail: users.email,
      })
      .from(signals)
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .leftJoin(vendors, and(eq(vendors.orgId, signals.orgId), eq(vendors.id, signals.vendorId)))
      .leftJoin(users, eq(users.id, signals.statusBy))
      .where(and(eq(signals.orgId, actor.orgId), eq(signals.id, signalId)));
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such signal.');
    const view = await loadInvestigationView(tx, actor);
    const scope = signalReadScope(view, signals.personId);
    if (scope) {
      const [inScope] = await tx
        .select({ id: signals.id })
        .from(signals)
        .where(and(eq(signals.orgId, actor.orgId), eq(signals.id, signalId), scope));
      if (!inScope) throw new UserFacingError('NOT_FOUND', 'No such signal.');
    }
    const s = row.signal;
    const evidence = await signalEvidence(tx, actor.orgId, s);
    const [inCase] = await tx
      .select({ id: cases.id, number: cases.number, title: cases.title, status: cases.status })
      .from(caseSignals)
      .innerJoin(cases, and(eq(cases.orgId, caseSignals.orgId), eq(cases.id, caseSignals.caseId)))
      .where(and(eq(caseSignals.orgId, actor.orgId), eq(caseSignals.signalId, signalId)));
    const related = await signalRelations(tx, actor.orgId, s);
    const { orgId: _o, statusBy: _b, evidenceSnapshot: _e, ...signal } = s;
    // docs/PRIVACY.md §Pseudonymized investigation: the subject and the other holders of a reused
    // identifier by pseudonym, and the subject's identifiers masked in every text from their logs.
    const holderIds = related.holders.filter((h) => h.what === 'person').map((h) => h.id);
    const named = [row.person.id, ...peopleNamedBy(s.stats), ...holderIds];
    const shown = await namesShown(tx, view, named);
    const subject = subjectOf(view, shown, row.person);
    const holders = related.holders.map((h) => {
      if (h.what !== 'person') return h;
      const holder = subjectOf(view, shown, { id: h.id, fullName: h.name });
      return { ...h, id: holder.id, name: holder.fullName };
    });
    const read = {
      ...signal,
      related: { ...related, holders },
      case: inCase ? { ...inCase, reference: caseReference(inCase.number) } : null,
      vendor: row.vendor?.id ? row.vendor : null,
      statusByEmail: row.statusByEmail,
      evidence,
    };
    const reveal = { canReveal: view.pseudonymizes && view.canReveal && subject.pseudonymized };
    const hidden = named.filter((id) => !shown.has(id));
    const mask = maskerFor(view, await identifiersOf(tx, actor.orgId, hidden), shown);
    return {
      ...mask(named, read),
      person: subject.pseudonymized
        ? { ...subject, email: null, timezone: row.person.timezone }
        : { ...row.person, pseudonymized: false },
      reveal,
    };
  });
}
/** `vigil signals`: the organization's signals as the operator sees them (no member session). */
export async function listSignalsAsOperator(
  orgId: string,
  filter: { kind?: string; personEmail?: string; limit?: number },
) {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const conditions: SQL[] = [eq(signals.orgId, orgId)];
    if (filter.kind) conditions.push(eq(signals.kind, filter.kind));
    if (filter.personEmail) conditions.push(eq(people.email, filter.personEmail.toLowerCase()));
    return tx
      .select({
        id: signals.id,
        kind: signals.kind,
        severity: signals.severity,
        status: signals.status,
        person: people.email,
        name: people.fullName,
        windowStart: signals.windowStart,
        windowEnd: signals.windowEnd,
        explanation: signals.explanation,
        evidenceEventIds: signals.evidenceEventIds,
      })
      .from(signals)
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .where(and(...conditions))
      .orderBy(desc(signals.windowEnd), signals.id)
      .limit(filter.limit ?? 1000);
  });
}

/** A person's latest events and signals, newest first, merged into one timeline. */
export async function personTimeline(actor: OrgActor, { personId, limit }: PersonTimelineInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    // The person page names the person: their signals show there only to members who see the
    // name in investigations (docs/PRIVACY.md §Pseudonymized investigation).
    const view = await loadInvestigationView(tx, actor);
    const seesSignals = (await namesShown(tx, view, [personId])).has(personId);
    const events = await tx
      .select({
        id: accessEvents.id,
        occurredAt: accessEvents.occurredAt,
        source: accessEvents.source,
        systemName: accessEvents.systemName,
        action: accessEvents.action,
        resource: accessEvents.resource,
        recordCount: accessEvents.recordCount,
        country: accessEvents.country,
        ip: accessEvents.ip,
        outcome: accessEvents.outcome,
      })
      .from(accessEvents)
      .where(and(eq(accessEvents.orgId, actor.orgId), eq(accessEvents.personId, personId)))
      .orderBy(desc(accessEvents.occurredAt))
      .limit(limit);
    const found = !seesSignals
      ? []
      : await tx
          .select({
            id: signals.id,
            kind: signals.kind,
            severity: signals.severity,
            status: signals.status,
            explanation: signals.explanation,
            windowEnd: signals.windowEnd,
          })
          .from(signals)
          .where(and(eq(signals.orgId, actor.orgId), eq(signals.personId, personId)))
          .orderBy(desc(signals.windowEnd))
          .limit(limit);
    return [
      ...events.map((e) => ({ type: 'event' as const, at: e.occurredAt, event: e })),
      ...found.map((s) => ({ type: 'signal' as const, at: s.windowEnd, signal: s })),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, limit);
  });
}
