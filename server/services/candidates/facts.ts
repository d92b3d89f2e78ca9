import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  candidateChecks,
  candidates,
  people,
  personIdentifiers,
  signals,
  users,
  watchlistEntries,
  watchlistMatches,
} from '@/db/schema';
import {
  evaluateChecks,
  type CandidateCheck,
  type CandidateFacts,
  type ManualCheck,
} from '@/server/domain/candidates/checks';
import { normalizeAddress } from '@/server/domain/inventory/identifier-values';

export interface CandidatePerson {
  id: string;
  fullName: string;
  email: string;
  type: string;
  title: string | null;
  location: string | null;
  country: string | null;
  stage: string | null;
  role: string | null;
  recruiter: string | null;
  source: string | null;
  atsId: string | null;
  appliedOn: string | null;
  shippingAddress: string | null;
  shippingCountry: string | null;
  hiredAt: Date | null;
  hiredAs: string | null;
  hiredByName: string | null;
  overrideReason: string | null;
  overriddenChecks: unknown;
}

/**
 * Candidates (people of type candidate, and former candidates with a hiring record), one or all.
 * Candidates added through people.csv have no hiring record yet: their profile fields are null.
 */
export async function loadCandidates(
  tx: Tx,
  orgId: string,
  filter: { personId?: string; status: 'active' | 'hired' | 'all' },
): Promise<CandidatePerson[]> {
  const conditions = [eq(people.orgId, orgId), sql`${people.erasedAt} is null`];
  if (filter.personId) conditions.push(eq(people.id, filter.personId));
  if (filter.status === 'active') conditions.push(eq(people.type, 'candidate'));
  else if (filter.status === 'hired') conditions.push(sql`${candidates.hiredAt} is not null`);
  else conditions.push(sql`(${people.type} = 'candidate' or ${candidates.personId} is not null)`);
  return tx
    .select({
      id: people.id,
      fullName: people.fullName,
      email: people.email,
      type: people.type,
      title: people.title,
      location: people.location,
      country: people.country,
      stage: candidates.stage,
      role: candidates.role,
      recruiter: candidates.recruiter,
      source: candidates.source,
      atsId: candidates.atsId,
      appliedOn: candidates.appliedOn,
      shippingAddress: candidates.shippingAddress,
      shippingCountry: candidates.shippingCountry,
      hiredAt: candidates.hiredAt,
      hiredAs: candidates.hiredAs,
      hiredByName: users.name,
      overrideReason: candidates.overrideReason,
      overriddenChecks: candidates.overriddenChecks,
    })
    .from(people)
    .leftJoin(
      candidates,
      and(eq(candidates.orgId, people.orgId), eq(candidates.personId, people.id)),
    )
    .leftJoin(users, eq(users.id, candidates.hiredBy))
    .where(and(...conditions))
    .orderBy(people.fullName, people.id)
    .limit(1000);
}

/**
 * Everything the checklist needs for these candidates, in a few set-based reads, then the checks
 * themselves (docs/IMPOSTORS.md §The checklist).
 */
export async function candidateChecklists(
  tx: Tx,
  orgId: string,
  list: readonly CandidatePerson[],
  now: Date,
): Promise<Map<string, CandidateCheck[]>> {
  const ids = list.map((c) => c.id);
  const result = new Map<string, CandidateCheck[]>();
  if (ids.length === 0) return result;
  const identifiers = await tx
    .select({
      personId: personIdentifiers.personId,
      kind: personIdentifiers.kind,
      value: personIdentifiers.value,
    })
    .from(personIdentifiers)
    .where(
      and(
        eq(personIdentifiers.orgId, orgId),
        inArray(personIdentifiers.personId, ids),
        inArray(personIdentifiers.kind, ['phone', 'address']),
      ),
    );
  // The hiring record's shipping address, else the address identifier a people import or the
  // person form gave (its kind is the shipping address: docs/PRODUCT.md §Typed identifiers).
  const addressOf = new Map<string, string>();
  const shownAddress = new Map<string, string>();
  for (const c of list) {
    const n = c.shippingAddress ? normalizeAddress(c.shippingAddress) : null;
    if (n?.ok) {
      addressOf.set(c.id, n.value);
      shownAddress.set(c.id, c.shippingAddress!);
      continue;
    }
    const own = identifiers.find((i) => i.personId === c.id && i.kind === 'address');
    if (own) {
      addressOf.set(c.id, own.value);
      shownAddress.set(c.id, own.value);
    }
  }
  const addresses = [...new Set(addressOf.values())];
  const holders = addresses.length
    ? await tx
        .select({
          personId: personIdentifiers.personId,
          value: personIdentifiers.value,
          type: people.type,
        })
        .from(personIdentifiers)
        .innerJoin(
          people,
          and(eq(people.orgId, personIdentifiers.orgId), eq(people.id, personIdentifiers.personId)),
        )
        .where(
          and(
            eq(personIdentifiers.orgId, orgId),
            eq(personIdentifiers.kind, 'address'),
            inArray(personIdentifiers.value, addresses),
          ),
        )
    : [];
  const reuse = await tx
    .select({ personId: signals.personId, stats: signals.stats })
    .from(signals)
    .where(
      and(
        eq(signals.orgId, orgId),
        eq(signals.kind, 'identity_reuse'),
        inArray(signals.personId, ids),
        ne(signals.status, 'dismissed'),
      ),
    );
  const matches = await tx
    .select({
      personId: watchlistMatches.personId,
      status: watchlistMatches.status,
      entryName: watchlistEntries.name,
      source: watchlistEntries.source,
    })
    .from(watchlistMatches)
    .innerJoin(
      watchlistEntries,
      and(
        eq(watchlistEntries.orgId, watchlistMatches.orgId),
        eq(watchlistEntries.id, watchlistMatches.entryId),
      ),
    )
    .where(
      and(
        eq(watchlistMatches.orgId, orgId),
        inArray(watchlistMatches.personId, ids),
        ne(watchlistMatches.status, 'false_positive'),
      ),
    );
  const manual = await tx
    .select({
      personId: candidateChecks.personId,
      check: candidateChecks.check,
      result: candidateChecks.result,
      note: candidateChecks.note,
      checkedAt: candidateChecks.checkedAt,
      checkedByName: users.name,
    })
    .from(candidateChecks)
    .leftJoin(users, eq(users.id, candidateChecks.checkedBy))
    .where(and(eq(candidateChecks.orgId, orgId), inArray(candidateChecks.personId, ids)));

  for (const c of list) {
    const address = addressOf.get(c.id);
    const facts: CandidateFacts = {
      phones: identifiers
        .filter((i) => i.personId === c.id && i.kind === 'phone')
        .map((i) => i.value),
      shipping: {
        address: shownAddress.get(c.id) ?? null,
        addressCountry: c.shippingCountry,
        declaredCountry: c.country,
        declaredLocation: c.location,
        sharedWith: holders
          .filter((h) => h.value === address && h.personId !== c.id)
          .map((h) => ({ type: h.type })),
      },
      reuse: reuse
        .filter((r) => r.personId === c.id)
        .map((r) => {
          const s = r.stats as {
            identifierKind?: string;
            value?: string;
            sharedWith?: { type: string }[];
            watchlistEntryIds?: string[];
          };
          return {
            kind: s.identifierKind ?? 'identifier',
            value: s.value ?? '',
            sharedWith: s.sharedWith ?? [],
            watchlistEntries: s.watchlistEntryIds?.length ?? 0,
          };
        }),
      matches: matches
        .filter((m) => m.personId === c.id)
        .map((m) => ({
          entryName: m.entryName,
          source: m.source,
          status: m.status as 'open' | 'confirmed',
        })),
      manual: Object.fromEntries(
        manual
          .filter((m) => m.personId === c.id)
          .map((m) => [
            m.check as ManualCheck,
            {
              result: m.result,
              note: m.note,
              checkedByName: m.checkedByName,
              checkedAt: m.checkedAt,
            },
          ]),
      ),
    };
    result.set(c.id, evaluateChecks(facts, now));
  }
  return result;
}
