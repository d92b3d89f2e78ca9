import { KIND_WORDS } from '../screening/identity-reuse';
import { bandOf, type RiskBand } from './bands';

/**
 * The words of the risk model (docs/RISK.md §Explaining a score): ledger labels, what an
 * incident was, and the one-line headline the person page and `vigil risk` lead with. Pure.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

/** `30 Nov` (UTC; with the year when it is not `now`'s year). */
export function shortDay(d: Date, now?: Date): string {
  const base = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return now && now.getUTCFullYear() !== d.getUTCFullYear()
    ? `${base} ${d.getUTCFullYear()}`
    : base;
}

const ACRONYMS: Record<string, string> = { mfa: 'MFA', ip: 'IP' };

/** `mfa_tampering` → "MFA tampering" (lower case unless an acronym). */
export function kindWords(code: string): string {
  return code
    .split('_')
    .map((w) => ACRONYMS[w] ?? w)
    .join(' ');
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const ago = (days: number) =>
  days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;

const STATUS_WORDS: Record<string, string> = {
  open: 'untriaged',
  acknowledged: 'acknowledged',
  escalated: 'in a case',
  confirmed: 'confirmed by a case',
  dismissed: 'dismissed',
};
export const statusWords = (status: string) => STATUS_WORDS[status] ?? status;

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};
const ymd = (v: unknown) => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : undefined;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What an incident-grade signal says happened, from its stats, in a few words: "used access 4
 * days after the end date (30 Nov)". Unknown or thin stats fall back to the kind's name.
 */
export function signalSummary(kind: string, stats: Record<string, unknown>, now?: Date): string {
  switch (kind) {
    case 'access_after_termination': {
      const day = ymd(stats.day);
      const end = ymd(stats.endDate);
      if (day && end) {
        const days = Math.round((day.getTime() - end.getTime()) / DAY);
        return `used access ${plural(days, 'day')} after the end date (${shortDay(end, now)})`;
      }
      return day
        ? `used access on ${shortDay(day, now)}, after the vendor was offboarded`
        : 'used access after the end date';
    }
    case 'privilege_change_outside_workflow': {
      const privilege = str(stats.privilege);
      const system = str(stats.system);
      const action = str(stats.action) ?? 'privilege change';
      return `${action}${privilege ? ` granting ${privilege}` : ''}${system ? ` on ${system}` : ''} outside the access workflow`;
    }
    case 'impossible_travel': {
      const from = str(stats.fromCountry);
      const to = str(stats.toCountry);
      const km = num(stats.distanceKm);
      const minutes = num(stats.minutes);
      const where = from && to ? ` (${from} → ${to})` : '';
      return km !== undefined && minutes !== undefined
        ? `impossible travel${where}: ${Math.round(km).toLocaleString('en-US')} km in ${plural(Math.round(minutes), 'minute')}`
        : `impossible travel${where}`;
    }
    case 'mfa_tampering':
      return str(stats.cause) === 'tamper'
        ? 'MFA factor removed or reset, then access'
        : 'a burst of MFA push denials, then access';
    case 'access_without_grant': {
      const system = str(stats.system);
      const events = num(stats.events);
      return `used ${system ?? 'a restricted system'} with no grant${events ? ` (${plural(events, 'event')})` : ''}`;
    }
    case 'shared_infrastructure':
      return 'shares a device or network with a person on a watchlist';
    case 'identity_reuse': {
      const onWatchlist =
        Array.isArray(stats.watchlistEntryIds) && stats.watchlistEntryIds.length > 0;
      const others = Array.isArray(stats.sharedWith) ? stats.sharedWith.length : 0;
      const words = KIND_WORDS[str(stats.identifierKind) ?? ''];
      const what = words ? `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}` : 'an identifier';
      if (onWatchlist) return `uses ${what} that is on a watchlist entry`;
      return others > 0
        ? `shares ${what} with ${plural(others, 'other person', 'other people')}`
        : `shares ${what} with someone else`;
    }
    case 'incident_chain': {
      const parts = Array.isArray(stats.parts) ? stats.parts : [];
      const kinds = [
        ...new Set(
          parts.flatMap((p) =>
            p && typeof p === 'object' && typeof (p as { kind?: unknown }).kind === 'string'
              ? [kindWords((p as { kind: string }).kind)]
              : [],
          ),
        ),
      ];
      return parts.length
        ? `a chain of ${plural(parts.length, 'linked event')}${kinds.length ? ` (${kinds.join(', ')})` : ''}`
        : 'a chain of linked incidents';
    }
    default:
      return kindWords(kind);
  }
}

/** `phone:+15550100` → "phone +15550100". */
export const identifierWords = (matchedOn: string) => {
  const colon = matchedOn.indexOf(':');
  return colon > 0 ? `${matchedOn.slice(0, colon)} ${matchedOn.slice(colon + 1)}` : matchedOn;
};

/** How an incident-grade signal holds the person: "...; untriaged since 2 Dec". */
export function incidentDetail(
  s: { summary?: string; kind: string; status: string; statusAt: Date | null; raisedAt: Date },
  now: Date,
): string {
  const what = s.summary ?? kindWords(s.kind);
  switch (s.status) {
    case 'escalated':
      return `${what}; in an open case since ${shortDay(s.statusAt ?? s.raisedAt, now)}`;
    case 'confirmed':
      return `${what}; confirmed by a case on ${shortDay(s.statusAt ?? s.raisedAt, now)}`;
    default:
      return `${what}; untriaged since ${shortDay(s.raisedAt, now)}`;
  }
}

/** How a watchlist match holds the person: "open watchlist match on phone +1…, not reviewed since 3 Dec". */
export function watchlistDetail(
  m: { status: string; strongIdentifiers: string[]; since?: Date },
  now: Date,
): string {
  const on = m.strongIdentifiers.length
    ? ` on ${m.strongIdentifiers.map(identifierWords).join(', ')}`
    : ' on name';
  if (m.status === 'confirmed') return `confirmed watchlist match${on}`;
  return `open watchlist match${on}${m.since ? `, not reviewed since ${shortDay(m.since, now)}` : ', not reviewed yet'}`;
}

export interface HeadlineRow {
  score?: 'bribery' | 'compromise';
  factor: string;
  label: string;
  points: number;
  evidenceDetail: string;
}

export interface RiskHeadline {
  /** One line: why the person is where they are. */
  headline: string;
  /** The largest reasons, in words, largest first (at most three). */
  reasons: string[];
}

/** Ledger codes of the incident floors (person-score.ts): their detail is the headline. */
export const isHoldFactor = (factor: string) => factor.startsWith('hold:');
const isBoostFactor = (factor: string) => factor.startsWith('boost:');

/**
 * The headline of a person's risk from the stored ledger: a hold says what holds the person
 * ("Held at high: used access 4 days after the end date (30 Nov); untriaged since 2 Dec");
 * otherwise the band and the largest reason.
 */
export function riskHeadline(
  score: { bribery: number; compromise: number } | null,
  rows: readonly HeadlineRow[],
): RiskHeadline {
  if (!score) return { headline: 'Not scored yet.', reasons: [] };
  const band: RiskBand = bandOf(Math.max(score.bribery, score.compromise));
  const sorted = [...rows].sort((a, b) => b.points - a.points);
  const holds = sorted.filter((r) => isHoldFactor(r.factor));
  // A signal that counts for both scores has two rows with one label: name it once.
  const reasons = [
    ...new Set(
      sorted.filter((r) => !isHoldFactor(r.factor) && !isBoostFactor(r.factor)).map((r) => r.label),
    ),
  ].slice(0, 3);
  if (holds.length > 0) {
    const prefix = band === 'critical' ? 'Critical' : `Held at ${band}`;
    return {
      headline: `${prefix}: ${holds.map((h) => h.evidenceDetail).join('; and ')}`,
      reasons: [...holds.map((h) => capitalize(h.evidenceDetail)), ...reasons].slice(0, 3),
    };
  }
  if (sorted.length === 0) return { headline: 'Low: nothing adds to either score.', reasons: [] };
  const top = reasons[0] ?? sorted[0]!.label;
  return { headline: `${capitalize(band)}: mostly ${lowerFirst(top)}`, reasons };
}

const lowerFirst = (s: string) =>
  /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
