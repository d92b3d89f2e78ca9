// Seeded randomness for the evaluation tenant: mulberry32 (the detectors' synthetic tenant uses the
// same generator), so a seed always gives byte-identical files.
import { prng } from '@/server/domain/detectors/synthetic';

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  /** [0, 1) */
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** Roughly normal (Irwin–Hall of 4), mean 0, sd 1: enough for daily volume noise. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }
  /** A positive multiplier around 1 with a log-normal-ish tail: busy and quiet days. */
  dayFactor(spread = 0.3): number {
    return Math.exp(this.normal() * spread);
  }
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
  /** A child stream, so adding draws in one part of the generator does not shift every other. */
  fork(salt: number): Rng {
    return new Rng((Math.floor(this.next() * 0xffffffff) ^ Math.imul(salt, 0x9e3779b1)) >>> 0);
  }
}
