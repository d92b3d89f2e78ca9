import { and, eq, gt, inArray, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  casePeople,
  cases,
  memberships,
  organizations,
  people,
  personIdentifiers,
  personReveals,
} from '@/db/schema';
import { identifierVariants, maskDeep, pseudonymFor } from '@/server/domain/privacy/pseudonym';
import {
  mayReadSignals,
  seesPseudonyms,
  showsName,
  type InvestigationSettings,
} from '@/server/domain/privacy/visibility';
import type { Stats } from '@/server/domain/signals/facts';
import { reuseHoldersOf } from '@/server/domain/signals/related';
import type { Role } from '@/server/domain/tenancy/roles';
import { readOrgSettings } from '@/server/domain/tenancy/settings';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

// docs/PRIVACY.md §Pseudonymized investigation: the one place services learn whether a member
// sees a person's name in an investigation view, so every read that shows a person asks here.

export interface InvestigationView {
  orgId: string;
  userId: string;
  role: Role;
  settings: InvestigationSettings;
  /** The member sees pseudonyms (setting on, role not exempt). */
  pseudonymizes: boolean;
  canReveal: boolean;
  key: string;
}

/** A person as an investigation view shows them: by name, or by pseudonym and without an id. */
export interface Subject {
  id: string | null;
  fullName: string;
  pseudonymized: boolean;
}

export async function loadInvestigationView(tx: Tx, actor: OrgActor): Promise<InvestigationView> {
  const [row] = await tx
    .select({
      settings: organizations.settings,
      key: organizations.pseudonymKey,
      canReveal: memberships.canReveal,
    })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.orgId, organizations.id), eq(memberships.userId, actor.userId)),
    )
    .where(eq(organizations.id, actor.orgId));
  if (!row) throw new Error('active organization not found');
  const settings = readOrgSettings(row.settings).investigation;
  return {
    orgId: actor.orgId,
    userId: actor.userId,
    role: actor.role,
    settings,
    pseudonymizes: seesPseudonyms(actor.role, settings),
    canReveal: row.canReveal ?? false,
    key: row.key,
  };
}

/** Of these people, those whose names the member sees: in an open case, or revealed to them. */
export async function namesShown(
  tx: Tx,
  view: InvestigationView,
  personIds: readonly string[],
  now = new Date(),
): Promise<Set<string>> {
  const ids = [...new Set(personIds)];
  if (!view.pseudonymizes) return new Set(ids);
  if (ids.length === 0) return new Set();
  const inCase = await tx
    .selectDistinct({ personId: casePeople.personId })
    .from(casePeople)
    .innerJoin(cases, and(eq(cases.orgId, casePeople.orgId), eq(cases.id, casePeople.caseId)))
    .where(
      and(
        eq(casePeople.orgId, view.orgId),
        inArray(casePeople.personId, ids),
        ne(cases.status, 'closed'),
      ),
    );
  const revealed = await tx
    .selectDistinct({ personId: personReveals.personId })
    .from(personReveals)
    .where(
      and(
        eq(personReveals.orgId, view.orgId),
        eq(personReveals.userId, view.userId),
        inArray(personReveals.personId, ids),
        gt(personReveals.expiresAt, now),
      ),
    );
  const cased = new Set(inCase.map((r) => r.personId));
  const mine = new Set(revealed.map((r) => r.personId));
  return new Set(
    ids.filter((id) =>
      showsName(view.role, view.settings, {
        inOpenCase: cased.has(id),
        revealedToViewer: mine.has(id),
      }),
    ),
  );
}

export function subjectOf(
  view: InvestigationView,
  shown: ReadonlySet<string>,
  person: { id: string; fullName: string },
): Subject {
  if (shown.has(person.id))
    return { id: person.id, fullName: person.fullName, pseudonymized: false };
  return { id: null, fullName: pseudonymFor(view.key, person.id), pseudonymized: true };
}

/** Name, email and log handles of each person: what masking replaces in texts from their logs. */
export async function identifiersOf(
  tx: Tx,
  orgId: string,
  personIds: readonly string[],
): Promise<Map<string, string[]>> {
  const ids = [...new Set(personIds)];
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const found = await tx
    .select({ id: people.id, fullName: people.fullName, email: people.email })
    .from(people)
    .where(and(eq(people.orgId, orgId), inArray(people.id, ids)));
  const handles = await tx
    .select({
      personId: personIdentifiers.personId,
      value: personIdentifiers.value,
      raw: personIdentifiers.raw,
    })
    .from(personIdentifiers)
    .where(and(eq(personIdentifiers.orgId, orgId), inArray(personIdentifiers.personId, ids)));
  for (const p of found) out.set(p.id, [p.fullName, p.email]);
  for (const h of handles) out.get(h.personId)?.push(h.value, h.raw);
  for (const [id, list] of out) out.set(id, identifierVariants(list));
  return out;
}

/**
 * Masks a value read for a signal: each of the people it names (its subject, the other holders of
 * a reused identifier) whom the member sees by pseudonym has their identifiers replaced by it.
 */
export function maskerFor(
  view: InvestigationView,
  identifiers: Map<string, string[]>,
  shown: ReadonlySet<string>,
) {
  return <T>(personIds: readonly string[], value: T): T =>
    personIds
      .filter((id) => !shown.has(id))
      .reduce(
        (masked, id) => maskDeep(masked, identifiers.get(id) ?? [], pseudonymFor(view.key, id)),
        value,
      );
}

/** The people a signal names besides its subject: the other holders of a reused identifier. */
export function peopleNamedBy(stats: unknown): string[] {
  return reuseHoldersOf((stats ?? {}) as Stats).sharedWith.map((h) => h.personId);
}

/**
 * Signals a member may read: managers are refused unless the organization lets them see their
 * reports' signals, and then see only their direct reports' (docs/PRIVACY.md §Pseudonymized
 * investigation). Returns the condition on the signal's person, or undefined for everyone else.
 */
export function signalReadScope(view: InvestigationView, personId: AnyColumn): SQL | undefined {
  if (view.role !== 'manager') return undefined;
  if (!mayReadSignals(view.role, view.settings))
    // A setting, not the role: an admin can change it, so it is a precondition, not a refusal.
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      'Managers do not see signals in this organization; an admin can allow managers to see their direct reports’ signals.',
    );
  return sql`${personId} in (select r.id from people r join people m on m.org_id = r.org_id and m.id = r.manager_id
    where r.org_id = ${view.orgId} and m.user_id = ${view.userId})`;
}

/** For a list of people read in one transaction: how each shows to the member. */
export async function subjectsFor(
  tx: Tx,
  actor: OrgActor,
  persons: readonly { id: string; fullName: string }[],
): Promise<(person: { id: string; fullName: string }) => Subject> {
  const view = await loadInvestigationView(tx, actor);
  const shown = await namesShown(
    tx,
    view,
    persons.map((p) => p.id),
  );
  return (person) => subjectOf(view, shown, person);
}

/** SQL: the member sees this person's name (for conditions on lists ranked by risk). */
export function nameShownSql(view: InvestigationView, personId: AnyColumn): SQL {
  if (!view.pseudonymizes) return sql`true`;
  return sql`(exists (select 1 from case_people cp join cases c on c.org_id = cp.org_id and c.id = cp.case_id
      where cp.org_id = ${view.orgId} and cp.person_id = ${personId} and c.status <> 'closed')
    or exists (select 1 from person_reveals r where r.org_id = ${view.orgId}
      and r.user_id = ${view.userId} and r.person_id = ${personId} and r.expires_at > now()))`;
}

/**
 * How notices mailed to the organization's investigators (critical signals, digests) name a
 * person: by pseudonym where the organization pseudonymizes, since one message goes to members
 * who see pseudonyms; the link leads to the signal page, which shows each member what they may see.
 */
export async function noticeLabeler(
  tx: Tx,
  orgId: string,
): Promise<(personId: string, fullName: string) => string> {
  const [org] = await tx
    .select({ settings: organizations.settings, key: organizations.pseudonymKey })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org || !readOrgSettings(org.settings).investigation.pseudonymize)
    return (_id, fullName) => fullName;
  return (personId) => pseudonymFor(org.key, personId);
}
