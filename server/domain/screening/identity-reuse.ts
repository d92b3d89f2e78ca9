import { createHash } from 'node:crypto';
import { raise } from '../detectors/signal';
import type { Severity } from '../detectors/types';
import { maskIdentifierValue } from '../inventory/identifier-values';
import { IDENTIFIER_KINDS, WORK_ACCOUNT_KINDS } from '../inventory/identifiers';

/**
 * Kinds whose sharing is a tell (docs/DETECTORS.md §Identity reuse): everything a person brings
 * with them. Work accounts the organization issues (okta, aws, google, slack) are links to one
 * account, not a personal identity, so they are left out.
 */
export const IDENTITY_REUSE_KINDS = IDENTIFIER_KINDS.filter(
  (k) => !(WORK_ACCOUNT_KINDS as readonly string[]).includes(k),
);

/** Things one person holds alone: two holders is a strong tell (an impostor, a laptop farm). */
const STRONG_KINDS = new Set(['device', 'bank_account', 'wallet', 'phone']);

/** At this many people on one value the finding is a ring, not a pair: one severity step up. */
export const RING_SIZE = 3;

/** sharedWith is capped so a value on hundreds of people stays a small row; `holders` counts all. */
export const MAX_SHARED_WITH = 50;
const NAMES_IN_WORDS = 5;

export interface ReusePerson {
  id: string;
  fullName: string;
  type: string;
  /** The work email (people.email); a personal email equal to it on someone else is reuse too. */
  workEmail: string;
  /** YYYY-MM-DD; a person whose end date has passed is named as having left. */
  endDate: string | null;
  identifiers: readonly { kind: string; value: string }[];
}

export interface ReuseWatchlistEntry {
  id: string;
  name: string;
  source: string;
  identifiers: readonly { kind: string; value: string }[];
}

export interface IdentityReuseStats {
  identifierKind: string;
  /** Masked where sensitive (a bank account shows its last four). */
  value: string;
  /** People holding the value, this one included. */
  holders: number;
  /** The other people holding it (at most MAX_SHARED_WITH), in name order. */
  sharedWith: { personId: string; type: string }[];
  /** Watchlist entries carrying it; empty when none. */
  watchlistEntryIds: string[];
  [key: string]: unknown;
}

export interface IdentityReuseSignal {
  kind: 'identity_reuse';
  personId: string;
  severity: Severity;
  /** `identity_reuse:person:kind:hash(value)`: stable, and no raw account number in the key. */
  dedupeKey: string;
  explanation: string;
  stats: IdentityReuseStats;
}

/** An identifier kind in words: "phone", "bank account", "GitHub account". */
export const KIND_WORDS: Record<string, string> = {
  email: 'email',
  phone: 'phone',
  github: 'GitHub account',
  linkedin: 'LinkedIn profile',
  telegram: 'Telegram account',
  wallet: 'wallet',
  device: 'device',
  bank_account: 'bank account',
  address: 'shipping address',
};

export function identityReuseKey(personId: string, kind: string, value: string): string {
  const digest = createHash('sha256').update(`${kind}:${value}`).digest('hex').slice(0, 20);
  return `identity_reuse:${personId}:${kind}:${digest}`;
}

export function identityReuseSeverity(
  kind: string,
  people: number,
  onWatchlist: boolean,
): Severity {
  const base: Severity = onWatchlist ? 'critical' : STRONG_KINDS.has(kind) ? 'high' : 'medium';
  return people >= RING_SIZE ? raise(base) : base;
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One signal per (person, kind, value) held by another person or by a watchlist entry
 * (docs/DETECTORS.md §Identity reuse). Pure: the caller loads the people and entries involved.
 */
export function detectIdentityReuse(input: {
  people: readonly ReusePerson[];
  entries: readonly ReuseWatchlistEntry[];
  today: string;
}): IdentityReuseSignal[] {
  const kinds = new Set<string>(IDENTITY_REUSE_KINDS);
  const holders = new Map<string, { kind: string; value: string; people: Set<string> }>();
  const entriesOf = new Map<string, Set<string>>();
  const at = (kind: string, value: string) => `${kind}\u0000${value}`;
  for (const p of input.people) {
    const own = [...p.identifiers, { kind: 'email', value: p.workEmail }];
    for (const { kind, value } of own) {
      if (!kinds.has(kind) || !value) continue;
      const k = at(kind, value);
      const h = holders.get(k) ?? { kind, value, people: new Set<string>() };
      h.people.add(p.id);
      holders.set(k, h);
    }
  }
  for (const e of input.entries)
    for (const { kind, value } of e.identifiers) {
      const k = at(kind, value);
      if (!kinds.has(kind) || !holders.has(k)) continue;
      entriesOf.set(k, (entriesOf.get(k) ?? new Set()).add(e.id));
    }

  const personById = new Map(input.people.map((p) => [p.id, p]));
  const entryById = new Map(input.entries.map((e) => [e.id, e]));
  const byName =
    <T extends { id: string }>(name: (x: T) => string) =>
    (a: T, b: T) =>
      name(a).localeCompare(name(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const signals: IdentityReuseSignal[] = [];
  for (const [k, h] of holders) {
    const entryIds = [...(entriesOf.get(k) ?? [])];
    if (h.people.size < 2 && entryIds.length === 0) continue;
    const entries = entryIds
      .map((id) => entryById.get(id)!)
      .sort(byName<ReuseWatchlistEntry>((e) => e.name));
    const people = [...h.people]
      .map((id) => personById.get(id)!)
      .sort(byName<ReusePerson>((p) => p.fullName));
    const shown = maskIdentifierValue(h.kind, h.value);
    const severity = identityReuseSeverity(h.kind, people.length, entries.length > 0);
    for (const person of people) {
      const others = people.filter((p) => p.id !== person.id);
      const describe = (p: ReusePerson) => {
        const notes = [p.type.replace('_', ' ')];
        if (p.endDate && p.endDate < input.today) notes.push(`left ${p.endDate}`);
        if (h.kind === 'email' && p.workEmail === h.value) notes.push('their work email');
        return `${p.fullName} (${notes.join(', ')})`;
      };
      const names = others.slice(0, NAMES_IN_WORDS).map(describe);
      if (others.length > NAMES_IN_WORDS) names.push(`${others.length - NAMES_IN_WORDS} others`);
      const onList = entries.map((e) => `watchlist entry "${e.name}" (source ${e.source})`);
      const holdersInWords = [
        ...(names.length ? [`on ${listInWords(names)}`] : []),
        ...(onList.length ? [`on ${listInWords(onList)}`] : []),
      ];
      const own =
        h.kind === 'email' && person.workEmail === h.value ? ' (this person’s work email)' : '';
      const ring = people.length >= RING_SIZE ? ` ${people.length} people hold it.` : '';
      signals.push({
        kind: 'identity_reuse',
        personId: person.id,
        severity,
        dedupeKey: identityReuseKey(person.id, h.kind, h.value),
        explanation: `${person.fullName}: ${KIND_WORDS[h.kind] ?? h.kind} ${shown}${own} is also ${listInWords(holdersInWords)}.${ring}`,
        stats: {
          identifierKind: h.kind,
          value: shown,
          holders: people.length,
          sharedWith: others
            .slice(0, MAX_SHARED_WITH)
            .map((p) => ({ personId: p.id, type: p.type })),
          watchlistEntryIds: entries.map((e) => e.id),
        },
      });
    }
  }
  return signals.sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
}
