import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEval } from '@/bench/eval/generate';
import { runEvalPath } from '@/bench/eval/harness';
import { markdown, scoreRun } from '@/bench/eval/report';
import { setupTestDatabase } from '../helpers/db';

// The small version of `npm run eval` (docs/DETECTION-QUALITY.md): seed 1's tenant over 36 days
// instead of 45, through the real import, ingest, detection and risk path. 36 days still leave
// the dormant account more than 45 days of silence (bench/eval main.ts). The 300 people keep the
// top 2×N (38) about a tenth of the tenant: in a tenant of 80 it was 40 %, and anyone with a single low
// signal ranked inside it.
const OPTIONS = { seed: 1, people: 300, days: 36 };

let teardown: () => Promise<void>;
beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
});
afterAll(() => teardown());

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

describe('detection quality evaluation', () => {
  it('generates the same labelled tenant for the same seed, and another for another seed', () => {
    const a = generateEval(OPTIONS);
    const b = generateEval(OPTIONS);
    const c = generateEval({ ...OPTIONS, seed: 2 });
    for (const k of Object.keys(a.files) as (keyof typeof a.files)[])
      expect(digest(a.files[k]), k).toBe(digest(b.files[k]));
    expect(a.manifest).toEqual(b.manifest);
    expect(digest(c.files.consoles)).not.toBe(digest(a.files.consoles));
    const tactics = (kind: string) =>
      new Set(a.manifest.filter((m) => m.kind === kind).map((m) => m.tactic)).size;
    expect(tactics('insider')).toBeGreaterThanOrEqual(12);
    expect(tactics('benign')).toBeGreaterThanOrEqual(8);
    // Every labelled person exists, once per label.
    const emails = new Set(a.people.map((p) => p.email));
    for (const m of a.manifest) expect(emails.has(m.email), m.email).toBe(true);
  });

  it('ranks every planted insider in the top 2×N and no benign look-alike there', async () => {
    const gen = generateEval(OPTIONS);
    const run = await runEvalPath(gen, {
      dir: path.join(os.tmpdir(), `vigil-eval-test-${process.pid}`),
    });
    const report = scoreRun(gen.manifest, run);
    // The table is the failure message: which signals fired and what dominated each score.
    expect(report.failures, markdown(report, 'eval (test size)')).toEqual([]);
  }, 240_000);
});
