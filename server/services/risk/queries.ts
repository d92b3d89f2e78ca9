import { and, asc, desc, eq, gte, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  people,
  personRiskFactors,
  personRiskScores,
  privileges,
  riskHistory,
  signals,
  systems,
  vendorRiskFactors,
  vendorRiskScores,
  vendors,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { SENSITIVITIES } from '@/server/domain/inventory/system';
import type {
  GetPersonRiskInput,
  GetVendorRiskInput,
  RiskReportInput,
} from '@/server/domain/risk/inputs';
import { riskHeadline } from '@/server/domain/risk/wording';
import { canAccess, SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { isoDay } from '@/server/domain/time';
import { scopeFor } from '@/server/services/inventory/people-queries';
import {
  loadInvestigationView,
  namesShown,
  subjectsFor,
} from '@/server/services/privacy/investigation-view';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

const DAY_MS = 86_400_000;
/** Trend charts show the last 90 days of history (docs/RISK.md §History and trends). */
export const TREND_DAYS = 90;

const sinceDay = (now: Date, days: number) => isoDay(new Date(now.getTime() - days * DAY_MS));

async function personFactors(tx: Tx, orgId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .select({
      personId: personRiskFactors.personId,
      score: personRiskFactors.score,
      factor: personRiskFactors.factor,
      label: personRiskFactors.label,
      points: personRiskFactors.points,
      evidenceKind: personRiskFactors.evidenceKind,
      evidenceId: personRiskFactors.evidenceId,
      evidenceDetail: personRiskFactors.evidenceDetail,
      decaysAt: personRiskFactors.decaysAt,
    })
    .from(personRiskFactors)
    .where(and(eq(personRiskFactors.orgId, orgId), inArray(personRiskFactors.personId, personIds)))
    .orderBy(personRiskFactors.personId, personRiskFactors.score, personRiskFactors.position);
}

/**
 * A person's scores and why: the ledger, the signals behind it, the access that amplifies it and
 * the last 90 days. Managers reach only people they can see, and get no signal detail (signals
 * are not theirs to read: docs/PRODUCT.md §Managers' scope).
 */
export async function getPersonRisk(actor: OrgActor, { personId }: GetPersonRiskInput) {
  const seesSignals = canAccess(actor.role, SIGNAL_READERS);
  const now = new Date();
  return withTenant(tenantOf(actor), async (tx) => {
    const conditions: SQL[] = [eq(people.orgId, actor.orgId), eq(people.id, personId)];
    const scope = scopeFor(actor);
    if (scope) conditions.push(scope);
    const [person] = await tx
      .select({ id: people.id, fullName: people.fullName })
      .from(people)
      .where(and(...conditions));
    if (!person) throw new UserFacingError('NOT_FOUND', 'No such person in this organization.');
    // The person page names the person, so their score and what drives it show only to members who
    // see the name in investigations (docs/PRIVACY.md §Pseudonymized investigation).
    const view = await loadInvestigationView(tx, actor);
    if (!(await namesShown(tx, view, [personId])).has(personId))
      return {
        person,
        withheld: true as const,
        score: null,
        ...riskHeadline(null, []),
        factors: [],
        history: [],
        grants: [],
        seesSignals: false,
        signals: [],
      };
    const [score] = await tx
      .select({
        bribery: personRiskScores.bribery,
        compromise: personRiskScores.compromise,
        risk: personRiskScores.risk,
        band: personRiskScores.band,
        briberyBand: personRiskScores.briberyBand,
        compromiseBand: personRiskScores.compromiseBand,
        computedAt: personRiskScores.computedAt,
      })
      .from(personRiskScores)
      .where(and(eq(personRiskScores.orgId, actor.orgId), eq(personRiskScores.personId, personId)));
    const factors = (await personFactors(tx, actor.orgId, [personId])).map(
      ({ personId: _p, ...f }) =>
        seesSignals || f.evidenceKind !== 'signal' ? f : { ...f, evidenceId: null },
    );
    const history = await tx
      .select({
        day: riskHistory.day,
        bribery: riskHistory.bribery,
        compromise: riskHistory.compromise,
      })
      .from(riskHistory)
      .where(
        and(
          eq(riskHistory.orgId, actor.orgId),
          eq(riskHistory.subjectType, 'person'),
          eq(riskHistory.subjectId, personId),
          gte(riskHistory.day, sinceDay(now, TREND_DAYS)),
        ),
      )
      .orderBy(asc(riskHistory.day));
    const grants = await tx
      .select({
        id: accessGrants.id,
        systemId: systems.id,
        systemName: systems.name,
        privilegeName: privileges.name,
        sensitivity: privileges.sensitivity,
        expiresAt: accessGrants.expiresAt,
      })
      .from(accessGrants)
      .innerJoin(
        privileges,
        and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
      )
      .innerJoin(
        systems,
        and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
      )
      .where(
        and(
          eq(accessGrants.orgId, actor.orgId),
          eq(accessGrants.personId, personId),
          eq(accessGrants.status, 'active'),
        ),
      );
    grants.sort(
      (a, b) =>
        SENSITIVITIES.indexOf(b.sensitivity) - SENSITIVITIES.indexOf(a.sensitivity) ||
        a.systemName.localeCompare(b.systemName),
    );
    const signalRows = seesSignals
      ? await tx
          .select({
            id: signals.id,
            kind: signals.kind,
            severity: signals.severity,
            status: signals.status,
            explanation: signals.explanation,
            windowEnd: signals.windowEnd,
          })
          .from(signals)
          .where(
            and(
              eq(signals.orgId, actor.orgId),
              eq(signals.personId, personId),
              sql`${signals.windowEnd} >= ${new Date(now.getTime() - TREND_DAYS * DAY_MS).toISOString()}::timestamptz`,
            ),
          )
          .orderBy(desc(signals.windowEnd))
          .limit(50)
      : [];
    const counted = new Set(
      factors.filter((f) => f.evidenceKind === 'signal').map((f) => f.evidenceId),
    );
    return {
      person,
      withheld: false as const,
      score: score ?? null,
      // What holds the person where they are, in words (docs/RISK.md §Explaining a score).
      ...riskHeadline(score ?? null, factors),
      factors,
      history,
      grants,
      seesSignals,
      signals: signalRows.map((s) => ({ ...s, counted: counted.has(s.id) })),
    };
  });
}

/** Vendor risk with its factors, its riskiest people and the last 90 days. */
export async function getVendorRisk(actor: OrgActor, { vendorId, limit }: GetVendorRiskInput) {
  const now = new Date();
  return withTenant(tenantOf(actor), async (tx) => {
    const [vendor] = await tx
      .select({ id: vendors.id, name: vendors.name })
      .from(vendors)
      .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendorId)));
    if (!vendor) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
    const [score] = await tx
      .select({
        risk: vendorRiskScores.risk,
        band: vendorRiskScores.band,
        peopleCount: vendorRiskScores.peopleCount,
        computedAt: vendorRiskScores.computedAt,
      })
      .from(vendorRiskScores)
      .where(and(eq(vendorRiskScores.orgId, actor.orgId), eq(vendorRiskScores.vendorId, vendorId)));
    const factors = await tx
      .select({
        factor: vendorRiskFactors.factor,
        label: vendorRiskFactors.label,
        points: vendorRiskFactors.points,
        evidenceKind: vendorRiskFactors.evidenceKind,
        evidenceId: vendorRiskFactors.evidenceId,
        evidenceDetail: vendorRiskFactors.evidenceDetail,
      })
      .from(vendorRiskFactors)
      .where(
        and(eq(vendorRiskFactors.orgId, actor.orgId), eq(vendorRiskFactors.vendorId, vendorId)),
      )
      .orderBy(asc(vendorRiskFactors.position));
    const ranked = await tx
      .select({
        id: people.id,
        fullName: people.fullName,
        email: people.email,
        bribery: personRiskScores.bribery,
        compromise: personRiskScores.compromise,
        risk: personRiskScores.risk,
        band: personRiskScores.band,
      })
      .from(personRiskScores)
      .innerJoin(
        people,
        and(eq(people.orgId, personRiskScores.orgId), eq(people.id, personRiskScores.personId)),
      )
      .where(and(eq(personRiskScores.orgId, actor.orgId), eq(people.vendorId, vendorId)))
      .orderBy(desc(personRiskScores.risk), asc(people.id))
      .limit(limit);
    // The vendor's riskiest people are a ranking: by pseudonym where the member sees pseudonyms.
    const shownAs = await subjectsFor(tx, actor, ranked);
    const topPeople = ranked.map((p) => {
      const subject = shownAs(p);
      return subject.pseudonymized ? { ...p, ...subject, email: null } : { ...p, ...subject };
    });
    const history = await tx
      .select({ day: riskHistory.day, risk: riskHistory.risk })
      .from(riskHistory)
      .where(
        and(
          eq(riskHistory.orgId, actor.orgId),
          eq(riskHistory.subjectType, 'vendor'),
          eq(riskHistory.subjectId, vendorId),
          gte(riskHistory.day, sinceDay(now, TREND_DAYS)),
        ),
      )
      .orderBy(asc(riskHistory.day));
    return { vendor, score: score ?? null, factors, topPeople, history };
  });
}

/**
 * `vigil risk --json` (docs/INTERFACES.md §JSON outputs): the riskiest people and vendors with
 * their ledgers, in exactly the documented shape.
 */
export async function riskReport(orgId: string, { limit }: RiskReportInput) {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const top = await tx
      .select({
        id: people.id,
        email: people.email,
        name: people.fullName,
        vendor: vendors.name,
        bribery: personRiskScores.bribery,
        compromise: personRiskScores.compromise,
        band: personRiskScores.band,
      })
      .from(personRiskScores)
      .innerJoin(
        people,
        and(eq(people.orgId, personRiskScores.orgId), eq(people.id, personRiskScores.personId)),
      )
      .leftJoin(vendors, and(eq(vendors.orgId, people.orgId), eq(vendors.id, people.vendorId)))
      .where(eq(personRiskScores.orgId, orgId))
      .orderBy(desc(personRiskScores.risk), asc(people.email))
      .limit(limit);
    const factorRows = await personFactors(
      tx,
      orgId,
      top.map((p) => p.id),
    );
    const topVendors = await tx
      .select({
        id: vendors.id,
        name: vendors.name,
        risk: vendorRiskScores.risk,
        band: vendorRiskScores.band,
      })
      .from(vendorRiskScores)
      .innerJoin(
        vendors,
        and(eq(vendors.orgId, vendorRiskScores.orgId), eq(vendors.id, vendorRiskScores.vendorId)),
      )
      .where(eq(vendorRiskScores.orgId, orgId))
      .orderBy(desc(vendorRiskScores.risk), asc(vendors.name))
      .limit(limit);
    const vendorFactorRows =
      topVendors.length === 0
        ? []
        : await tx
            .select({
              vendorId: vendorRiskFactors.vendorId,
              factor: vendorRiskFactors.factor,
              label: vendorRiskFactors.label,
              points: vendorRiskFactors.points,
              evidenceKind: vendorRiskFactors.evidenceKind,
              evidenceId: vendorRiskFactors.evidenceId,
              evidenceDetail: vendorRiskFactors.evidenceDetail,
            })
            .from(vendorRiskFactors)
            .where(
              and(
                eq(vendorRiskFactors.orgId, orgId),
                isNotNull(vendorRiskFactors.vendorId),
                inArray(
                  vendorRiskFactors.vendorId,
                  topVendors.map((v) => v.id),
                ),
              ),
            )
            .orderBy(asc(vendorRiskFactors.position));
    const evidence = (f: {
      score?: string;
      evidenceKind: string;
      evidenceId: string | null;
      evidenceDetail: string;
    }) => ({
      // Which of the two person scores the row adds to (people only): the shape stays the
      // documented one (docs/INTERFACES.md §JSON outputs).
      ...(f.score ? { score: f.score } : {}),
      kind: f.evidenceKind,
      ...(f.evidenceId ? { id: f.evidenceId } : {}),
      detail: f.evidenceDetail,
    });
    // Each subject's factors, largest first: the top of the list answers "why".
    const byPoints = <T extends { points: number }>(rows: T[]) =>
      [...rows].sort((a, b) => b.points - a.points);
    return {
      people: top.map((p) => {
        const rows = byPoints(factorRows.filter((f) => f.personId === p.id));
        const { headline, reasons } = riskHeadline(p, rows);
        return {
          email: p.email,
          name: p.name,
          vendor: p.vendor,
          bribery: p.bribery,
          compromise: p.compromise,
          band: p.band,
          headline,
          reasons,
          factors: rows.map((f) => ({
            factor: f.factor,
            label: f.label,
            points: f.points,
            evidence: evidence(f),
          })),
        };
      }),
      vendors: topVendors.map((v) => ({
        name: v.name,
        risk: v.risk,
        band: v.band,
        factors: byPoints(vendorFactorRows.filter((f) => f.vendorId === v.id)).map((f) => ({
          factor: f.factor,
          label: f.label,
          points: f.points,
          evidence: evidence(f),
        })),
      })),
    };
  });
}
export type RiskReport = Awaited<ReturnType<typeof riskReport>>;
