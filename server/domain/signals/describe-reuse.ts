import { identityReuseSeverity, KIND_WORDS, RING_SIZE } from '../screening/identity-reuse';
import { fact, n, rank, str, type Presenter } from './describe-shared';
import { reuseHoldersOf } from './related';
import { num, plural } from './words';

/** An identifier kind in words: "phone", "bank account". */
export const identifierWords = (kind: string | null) =>
  kind ? (KIND_WORDS[kind] ?? kind.replaceAll('_', ' ')) : 'identifier';

export const REUSE_PRESENTERS: Record<string, Presenter> = {
  // docs/DETECTORS.md §Identity reuse: a watchlist entry → critical; a device, bank account, wallet
  // or phone between people → high; anything else → medium; one step up at 3 or more holders.
  identity_reuse(s, severity) {
    const kind = str(s, 'identifierKind');
    const what = identifierWords(kind);
    const holders = n(s, 'holders') ?? 0;
    const { sharedWith, watchlistEntryIds } = reuseHoldersOf(s);
    const others = Math.max(holders - 1, sharedWith.length);
    const listed = watchlistEntryIds.length;
    const ring = holders >= RING_SIZE;
    // The rule itself says whether this kind is one a person holds alone.
    const strong = kind !== null && identityReuseSeverity(kind, 2, false) === 'high';
    const where = [
      others > 0 ? plural(others, 'other person', 'other people') : null,
      listed > 0 ? plural(listed, 'watchlist entry', 'watchlist entries') : null,
    ]
      .filter(Boolean)
      .join(' and ');
    const base =
      listed > 0
        ? 'a watchlist entry carrying it makes it critical'
        : strong
          ? `a ${what} normally belongs to one person, so sharing one is high`
          : `a shared ${what} is medium (households and shared inboxes exist)`;
    const step =
      ring && rank(severity) > rank(listed > 0 ? 'critical' : strong ? 'high' : 'medium')
        ? `, one step higher as ${num(holders)} people hold it (a ring, not a pair)`
        : ring
          ? `; ${num(holders)} people hold it (a ring, not a pair)`
          : '';
    return {
      why:
        `${what} ${str(s, 'value') ?? ''}`.trimEnd() +
        ` is also held by ${where || 'someone else'} — ${base}${step}`,
      facts: [
        ...fact('Identifier', what),
        ...fact('Value', str(s, 'value')),
        ...fact('People holding it', holders > 0 ? `${num(holders)}, this person included` : null),
        ...fact('Watchlist entries carrying it', num(listed)),
      ],
    };
  },
};
