import jaroWinkler from 'talisman/metrics/jaro-winkler';
import { HASHED_PREFIX, hashedValue } from '../indicators/identifiers';

/** Name similarity at or above this is a candidate match for human review (Jaro-Winkler). */
export const NAME_MATCH_THRESHOLD = 0.9;

export interface ScreenedPerson {
  id: string;
  fullName: string;
  identifiers: { kind: string; value: string }[];
}

export interface WatchlistEntryForMatching {
  id: string;
  name: string;
  aliases: string[];
  identifiers: { kind: string; value: string }[];
}

export interface MatchCandidate {
  personId: string;
  entryId: string;
  /** e.g. `email:x@y.z`, `name:Kim Jong` */
  matchedOn: string[];
  /** 1 for an exact identifier match, else the best name similarity. */
  similarity: number;
}

/** Lower-case, strip accents and punctuation, sort tokens: "Reyes, Jun" and "Jun Reyes" compare equal. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

export function nameSimilarity(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (!na || !nb) return 0;
  return na === nb ? 1 : jaroWinkler(na, nb);
}

/**
 * Screens people against watchlist entries: exact matches on normalized typed identifiers (email,
 * phone, GitHub, LinkedIn, Telegram, wallet, …) and fuzzy matches on the name and each alias.
 * Identifier matches are certain (similarity 1); name-only matches carry their score for review.
 */
export function screenPeople(
  people: ScreenedPerson[],
  entries: WatchlistEntryForMatching[],
  threshold = NAME_MATCH_THRESHOLD,
): MatchCandidate[] {
  const byIdentifier = new Map<string, Set<string>>();
  for (const e of entries) {
    for (const id of e.identifiers) {
      const key = `${id.kind}:${id.value}`;
      if (!byIdentifier.has(key)) byIdentifier.set(key, new Set());
      byIdentifier.get(key)!.add(e.id);
    }
  }
  const normalizedEntries = entries.map((e) => ({
    e,
    names: [e.name, ...e.aliases]
      .map((n) => ({ raw: n, norm: normalizeName(n) }))
      .filter((n) => n.norm),
  }));
  // Entries received hashed hold `sha256:<hex>`: a person's identifier matches one when the hash
  // of its normalized value is equal (docs/IMPOSTORS.md §Normalization and hashing). The evidence
  // names the person's own value, never the hash's origin.
  const anyHashed = [...byIdentifier.keys()].some((k) =>
    k.slice(k.indexOf(':') + 1).startsWith(HASHED_PREFIX),
  );
  const entriesFor = (kind: string, value: string) => {
    const clear = byIdentifier.get(`${kind}:${value}`);
    const hashed = anyHashed ? byIdentifier.get(`${kind}:${hashedValue(value)}`) : undefined;
    return hashed ? [...(clear ?? []), ...hashed] : [...(clear ?? [])];
  };
  const results: MatchCandidate[] = [];
  for (const p of people) {
    const hits = new Map<string, MatchCandidate>();
    for (const id of p.identifiers) {
      for (const entryId of new Set(entriesFor(id.kind, id.value))) {
        const hit = hits.get(entryId) ?? { personId: p.id, entryId, matchedOn: [], similarity: 1 };
        hit.matchedOn.push(`${id.kind}:${id.value}`);
        hits.set(entryId, hit);
      }
    }
    const personName = normalizeName(p.fullName);
    if (personName) {
      for (const { e, names } of normalizedEntries) {
        let best = 0;
        let bestName = '';
        for (const n of names) {
          const score = n.norm === personName ? 1 : jaroWinkler(personName, n.norm);
          if (score > best) {
            best = score;
            bestName = n.raw;
          }
        }
        if (best >= threshold) {
          const hit = hits.get(e.id) ?? {
            personId: p.id,
            entryId: e.id,
            matchedOn: [],
            similarity: best,
          };
          hit.matchedOn.push(`name:${bestName}`);
          hit.similarity = Math.max(hit.similarity, best);
          hits.set(e.id, hit);
        }
      }
    }
    results.push(...hits.values());
  }
  return results.map((r) => ({ ...r, similarity: Math.round(r.similarity * 1000) / 1000 }));
}

/**
 * Identifier kinds that name one person outside the tenant, so an exact match on one is strong
 * evidence (docs/RISK.md §Watchlist matches). Account ids of the tenant's own tools (okta, aws,
 * google, slack) are not: a public list cannot meaningfully carry them.
 */
export const STRONG_IDENTIFIER_KINDS: ReadonlySet<string> = new Set([
  'email',
  'phone',
  'github',
  'linkedin',
  'telegram',
  'wallet',
]);

/** The strong identifiers among a match's `matchedOn` (`phone:+1555…`); name evidence is not one. */
export function strongIdentifiers(matchedOn: readonly string[]): string[] {
  return matchedOn.filter((m) => {
    const colon = m.indexOf(':');
    return colon > 0 && STRONG_IDENTIFIER_KINDS.has(m.slice(0, colon));
  });
}

/** Severity of the `watchlist_match` signal: critical on a strong identifier, else medium. */
export const matchSeverity = (matchedOn: readonly string[]) =>
  strongIdentifiers(matchedOn).length > 0 ? ('critical' as const) : ('medium' as const);
