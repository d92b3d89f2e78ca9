import { signalClock } from './incident';
import type { RiskSignal } from './person-input';
import type { RiskWeights } from './weights';

const DAY = 86_400_000;
/** Below this many raw points a decayed signal no longer shows in the ledger. */
export const DECAY_FLOOR = 0.05;

/** Exponential decay: 1 at the start, ½ after one half-life; a start in the future counts as now. */
export function decayFactor(ageMs: number, halfLifeDays: number): number {
  return Math.pow(0.5, Math.max(0, ageMs) / (halfLifeDays * DAY));
}

/** Undecayed points of a signal for one score: severity points × the kind's weight. */
export function signalBasePoints(
  s: RiskSignal,
  score: 'bribery' | 'compromise',
  w: RiskWeights,
): number {
  if (s.status === 'dismissed') return 0; // triage said it was nothing
  // Off-hours work alone is not harvesting; off-hours lookups of sensitive records are.
  if (score === 'bribery' && s.kind === 'off_hours' && !s.touchedSensitive) return 0;
  const points = w.severityPoints[s.severity] * w.signalKinds[score][s.kind];
  // The first runs of what turned out to be a routine: explained, not yet triaged.
  return s.learnedRoutine ? points * w.learnedRoutineShare : points;
}

/** Points after decay, measured from where the signal's clock starts (incident.ts). */
export function signalPoints(
  s: RiskSignal,
  score: 'bribery' | 'compromise',
  w: RiskWeights,
  now: Date,
): number {
  const clock = signalClock(s, w, now);
  const base = signalBasePoints(s, score, w);
  if (clock.frozen) return base;
  return base * decayFactor(now.getTime() - clock.from.getTime(), w.halfLifeDays);
}

/** When decayed points starting at `from` fall under DECAY_FLOOR. */
export function signalDecaysAt(base: number, from: Date, halfLifeDays: number): Date {
  const halfLives = base > DECAY_FLOOR ? Math.log2(base / DECAY_FLOOR) : 0;
  return new Date(from.getTime() + halfLives * halfLifeDays * DAY);
}
