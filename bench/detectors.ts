/**
 * Detector throughput on a synthetic tenant (no database: detectors are pure functions).
 * `npx tsx bench/detectors.ts` prints a Markdown row; sizes via BENCH_DETECTOR_PEOPLE,
 * BENCH_DETECTOR_EVENTS (new events) and BENCH_DETECTOR_HISTORY (events behind the baselines).
 * docs/BENCHMARKS.md §Targets: all detectors over 1M new events in ≤ 15 s.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildBaselines } from '@/server/domain/detectors/baseline';
import { runDetectors } from '@/server/domain/detectors/run';
import { syntheticTenant } from '@/server/domain/detectors/synthetic';

export interface DetectorBenchResult {
  people: number;
  newEvents: number;
  historyEvents: number;
  baselineSeconds: number;
  detectSeconds: number;
  signals: number;
}

export function benchDetectors(sizes: {
  people: number;
  newEvents: number;
  historyEvents: number;
}): DetectorBenchResult {
  const tenant = syntheticTenant(sizes);
  const org = {
    highRiskCountries: ['KP'],
    workingHours: { start: '08:00', end: '18:00' },
    officeIps: [],
    officeCidrs: [],
  };
  let t0 = performance.now();
  const baselines = buildBaselines(tenant.history, tenant.people, { windowEnd: tenant.cutover });
  const baselineSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const signals = runDetectors({
    people: tenant.people,
    newEvents: tenant.newEvents,
    baselines,
    org,
  });
  const detectSeconds = (performance.now() - t0) / 1000;
  return { ...sizes, baselineSeconds, detectSeconds, signals: signals.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = {
    people: Number(process.env.BENCH_DETECTOR_PEOPLE ?? 1000),
    newEvents: Number(process.env.BENCH_DETECTOR_EVENTS ?? 200_000),
    historyEvents: Number(process.env.BENCH_DETECTOR_HISTORY ?? 200_000),
  };
  const r = benchDetectors(sizes);
  console.log(`\nVigil detector benchmark, node ${process.version}, ${new Date().toISOString()}\n`);
  console.log('| path | size | result |\n|---|---|---|');
  console.log(
    `| baselines (30-day window) | ${r.historyEvents.toLocaleString('en-US')} events, ${r.people.toLocaleString('en-US')} people | ${r.baselineSeconds.toFixed(2)} s (${Math.round(r.historyEvents / r.baselineSeconds).toLocaleString('en-US')} events/s) |`,
  );
  console.log(
    `| runDetectors (all 15) | ${r.newEvents.toLocaleString('en-US')} new events, ${r.people.toLocaleString('en-US')} people | ${r.detectSeconds.toFixed(2)} s (${Math.round(r.newEvents / r.detectSeconds).toLocaleString('en-US')} events/s), ${r.signals.toLocaleString('en-US')} signals |`,
  );
}
