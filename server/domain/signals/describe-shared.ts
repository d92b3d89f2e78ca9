import { DEFAULT_THRESHOLDS } from '../detectors/defaults';
import { SEVERITIES } from '../detectors/types';
import type { Fact, Stats } from './facts';
import { dayLabel, num } from './words';

/** A kind's presenter: why the signal has its severity, and its stats as labelled facts. */
export type Presenter = (s: Stats, severity: string) => { why: string; facts: Fact[] };

// Presenters read the default thresholds: the detection job runs them unchanged.
export const T = DEFAULT_THRESHOLDS;

export const n = (s: Stats, key: string): number | null => {
  const v = s[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
export const str = (s: Stats, key: string): string | null => {
  const v = s[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};
export const rank = (severity: string) => (SEVERITIES as readonly string[]).indexOf(severity);
export const fact = (label: string, value: string | null | undefined): Fact[] =>
  value === null || value === undefined || value === '' ? [] : [{ label, value }];
export const count = (v: number | null) => (v === null ? null : num(v));
export const on = (s: Stats) => (str(s, 'day') ? ` on ${dayLabel(str(s, 'day')!)}` : '');
export const times = (x: number, of: number) =>
  of > 0 ? `${num(x / of, x / of < 10 ? 1 : 0)}×` : null;
export const evidenceFact = (s: Stats) =>
  fact('Events in the evidence', count(n(s, 'evidenceEvents')));
export const dayFact = (s: Stats) =>
  fact('Day (their time zone)', str(s, 'day') && dayLabel(str(s, 'day')!, true));
