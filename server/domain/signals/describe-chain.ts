import { chainPartRoles, describePart, STORIES } from '../detectors/incident-chain';
import type { SignalKind } from '../detectors/types';
import { count, evidenceFact, fact, n, str, type Presenter } from './describe-shared';
import type { Stats } from './facts';
import { chainPartsOf, type StoredChainPart } from './related';
import { num, plural, words } from './words';

/** docs/DETECTORS.md §Chains: each story's roles, as a reader says them. */
const ROLE_WORDS: Record<string, string> = {
  remote: 'remote control',
  foreign: 'foreign or hidden location',
  exfil: 'data out',
  mfa: 'MFA tampered with',
  access: 'access from a new device or place',
  privilege: 'admin rights outside the workflow',
  leaver: 'a leaver’s access',
  cover: 'cover (off hours, proxy or remote tool)',
  ungoverned: 'access without a grant',
};
export const roleWords = (role: string) => ROLE_WORDS[role] ?? words(role).toLowerCase();

const storyOf = (s: Stats) => STORIES.find((st) => st.id === str(s, 'story')) ?? null;

/** A story's title ("Account takeover"), for links to a chain. */
export const storyTitle = (story: string | null) =>
  STORIES.find((st) => st.id === story)?.title ?? 'Incident chain';

/** "95 minutes", "4.5 hours". */
function spanWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 120 ? plural(minutes, 'minute') : `${num(minutes / 60, 1)} hours`;
}

function spanOf(parts: readonly StoredChainPart[]): number | null {
  if (parts.length === 0) return null;
  const start = Math.min(...parts.map((p) => Date.parse(p.windowStart)));
  const end = Math.max(...parts.map((p) => Date.parse(p.windowEnd ?? p.windowStart)));
  return end - start;
}

/** The roles the chain fills, in the story's order (`stats.roles`). */
function rolesFilled(s: Stats): string[] {
  return (str(s, 'roles') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
}

export const CHAIN_PRESENTERS: Record<string, Presenter> = {
  // docs/DETECTORS.md §Chains: critical with 3 roles or more, high with 2.
  incident_chain(s, severity) {
    const story = storyOf(s);
    const parts = chainPartsOf(s);
    const roles = rolesFilled(s);
    const steps = story ? Object.keys(story.roles).length : null;
    const span = spanOf(parts);
    const named = `(${roles.map(roleWords).join(', ')})`;
    const filled =
      roles.length === 0
        ? 'the story’s steps'
        : steps === null
          ? `${plural(roles.length, 'step')} ${named}`
          : roles.length === steps
            ? `all ${num(steps)} of the story’s steps ${named}`
            : `${num(roles.length)} of the story’s ${num(steps)} steps ${named}`;
    const rule =
      severity === 'critical'
        ? '3 steps or more make a chain critical'
        : roles.length === 2 || severity === 'high'
          ? 'two steps make it high, a third would make it critical'
          : '';
    return {
      why:
        `${story?.title ?? 'an incident'}: ${plural(parts.length || (n(s, 'parts') ?? 0), 'signal')}` +
        `${span !== null ? ` within ${spanWords(span)}` : ''} fill ${filled}${rule ? ` — ${rule}` : ''}`,
      facts: [
        ...fact('Story', story?.title ?? str(s, 'story')),
        ...fact('Steps filled', roles.map(roleWords).join(', ')),
        ...fact('Steps in the story', count(steps)),
        ...fact('Signals joined', parts.length ? num(parts.length) : null),
        ...fact('From the first to the last', span !== null ? spanWords(span) : null),
        ...evidenceFact(s),
      ],
    };
  },
};

/** One row of "Parts of this incident". */
export interface ChainPartRow {
  /** The part's own signal, when it is stored in this organization; null when it is not (any more). */
  signalId: string | null;
  kind: string;
  /** What the part is, in words ("export of 3,120 records"), when its stats are at hand. */
  what: string | null;
  severity: string;
  /** The part's role(s) in the story, in words. */
  role: string;
  windowStart: Date;
  windowEnd: Date;
  /** The part's triage status, when it is stored. */
  status: string | null;
}

/** A stored part signal the page's read found (by id or dedupe key, in this organization). */
export interface FoundPart {
  id: string;
  dedupeKey: string;
  status: string;
  windowStart: Date;
  windowEnd: Date;
  stats: Stats;
}

/**
 * The chain's parts in time order, each with its role in the story, what it is in words and its
 * own signal when found (docs/PRODUCT.md §The signal page). A part is matched to a found signal by
 * id first, then by dedupe key: chains stored before part ids were kept name only keys.
 */
export function chainPartRows(stats: Stats, found: readonly FoundPart[]): ChainPartRow[] {
  const byId = new Map(found.map((f) => [f.id, f]));
  const byKey = new Map(found.map((f) => [f.dedupeKey, f]));
  const story = str(stats, 'story') ?? '';
  return chainPartsOf(stats).map((p) => {
    const own = (p.signalId ? byId.get(p.signalId) : undefined) ?? byKey.get(p.dedupeKey);
    const roles =
      p.roles ?? chainPartRoles(story, { kind: p.kind as SignalKind, stats: own?.stats ?? {} });
    const start = new Date(p.windowStart);
    return {
      signalId: own?.id ?? null,
      kind: p.kind,
      what: own ? describePart({ kind: p.kind as SignalKind, stats: own.stats }) : null,
      severity: p.severity,
      role: roles.length ? roles.map(roleWords).join(', ') : 'part of the story',
      windowStart: start,
      windowEnd: p.windowEnd ? new Date(p.windowEnd) : (own?.windowEnd ?? start),
      status: own?.status ?? null,
    };
  });
}
