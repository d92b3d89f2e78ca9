import { describe, expect, it } from 'vitest';
import { buildPersonBaseline, emptyBaseline } from './baseline';
import { detectCodeExfiltration } from './code-exfiltration';
import { ev, org, person } from './test-helpers';
import type { DetectorEvent } from './types';

const o = org();
const p = person({ timezone: 'Europe/Warsaw' });
const DAY = 86_400_000;
const END = Date.parse('2026-09-17T00:00:00Z');

const pull = (at: number, repo: string, action = 'git.clone'): DetectorEvent =>
  ev({
    at: new Date(at),
    system: 'GitHub',
    action,
    resource: repo,
    source: 'github',
    ticketId: null,
  });

/** 20 working days: some ordinary events and `repos(d)` distinct repositories pulled `times` each. */
function history(repos: (d: number) => number, times = 1): DetectorEvent[] {
  const out: DetectorEvent[] = [];
  for (let d = 20; d >= 1; d--) {
    const day = END - d * DAY;
    for (let i = 0; i < 4; i++)
      out.push(ev({ at: new Date(day + (9 + i) * 3_600_000), action: 'pull_request.create' }));
    for (let r = 0; r < repos(d); r++)
      for (let k = 0; k < times; k++)
        out.push(
          pull(day + 10 * 3_600_000 + (r * times + k) * 60_000, `acme/repo-${(r + d) % 30}`),
        );
  }
  return out;
}

/** Today: `n` distinct repositories, one pull each, from 11:00 UTC. */
const burst = (n: number, action = 'git.clone', prefix = 'acme/svc-', hour = 11) =>
  Array.from({ length: n }, (_, i) =>
    pull(END + hour * 3_600_000 + i * 30_000, `${prefix}${i}`, action),
  );

const baselineOf = (h: DetectorEvent[]) => buildPersonBaseline(h, p, { windowEnd: new Date(END) });

describe('detectCodeExfiltration', () => {
  it('fires when a day reaches far past the person’s own p90 of distinct repositories', () => {
    const b = baselineOf(history((d) => 1 + (d % 3)));
    expect(b.dailyCodeRepos['2026-09-16']).toHaveLength(2);
    const [s] = detectCodeExfiltration(burst(14), p, b, null, o);
    expect(s).toMatchObject({
      kind: 'code_exfiltration',
      severity: 'medium',
      dedupeKey: 'code_exfiltration:p1:2026-09-17',
      stats: {
        repositories: 14,
        pulls: 14,
        usualRepositories: 3,
        threshold: 12,
        baseline: 'mature',
      },
    });
    expect(s!.explanation).toBe(
      "14 distinct repositories pulled on 2026-09-17 (14 git.clone events); the person's usual day reaches 3 (p90), threshold 12.",
    );
    expect(detectCodeExfiltration(burst(30), p, b, null, o)[0]!.severity).toBe('high');
    // Archives of most of the day's repositories: high at once.
    expect(detectCodeExfiltration(burst(12, 'repo.download_zip'), p, b, null, o)[0]!.severity).toBe(
      'high',
    );
  });

  it('counts repositories, not pulls: a heavy but steady cloner re-pulling the same repos is quiet', () => {
    // 10–14 repositories a day, each cloned five times: 50–70 pulls a day.
    const b = baselineOf(history((d) => 10 + (d % 5), 5));
    const today = burst(14).flatMap((e) => [
      e,
      { ...e, id: `${e.id}-b` },
      { ...e, id: `${e.id}-c` },
    ]);
    expect(detectCodeExfiltration(today, p, b, null, o)).toEqual([]);
    // The same person reaching four times their usual does fire.
    expect(detectCodeExfiltration(burst(60), p, b, null, o)).toHaveLength(1);
  });

  it('stays under the floor of 10 repositories whatever the ratio', () => {
    const b = baselineOf(history(() => 0));
    expect(detectCodeExfiltration(burst(9), p, b, null, o)).toEqual([]);
    expect(detectCodeExfiltration(burst(10), p, b, null, o)).toHaveLength(1);
  });

  it('without a mature baseline only the newcomer line fires', () => {
    const none = emptyBaseline('p1', new Date(END));
    expect(detectCodeExfiltration(burst(39), p, none, null, o)).toEqual([]);
    const [s] = detectCodeExfiltration(burst(40), p, none, null, o);
    expect(s).toMatchObject({
      severity: 'medium',
      stats: { baseline: 'none', threshold: 40 },
    });
  });

  it('joins a day split across batches and is one step higher before the end date', () => {
    const h = history((d) => 1 + (d % 3));
    const earlier = burst(8, 'git.clone', 'acme/early-', 8);
    const b = buildPersonBaseline([...h, ...earlier], p, {
      windowEnd: new Date(END + 11 * 3_600_000),
    });
    const [s] = detectCodeExfiltration(burst(6), p, b, null, o);
    expect(s!.stats.repositories).toBe(14);
    const leaving = person({ timezone: 'Europe/Warsaw', endDate: '2026-09-25' });
    const [l] = detectCodeExfiltration(burst(14), leaving, baselineOf(h), null, o);
    expect(l).toMatchObject({ severity: 'high', stats: { daysBeforeEnd: 8 } });
  });

  it('ignores failed pulls, other actions and days before the GitHub log was connected', () => {
    const b = baselineOf(history(() => 0));
    const failed = burst(20).map((e) => ({ ...e, outcome: 'failure' as const }));
    const other = burst(20, 'repo.create');
    expect(detectCodeExfiltration([...failed, ...other], p, b, null, o)).toEqual([]);
    // The log started 3 days ago: too few reported days for a baseline, so the newcomer line.
    const late = org({ sourcesSince: new Map([['github', END - 3 * DAY]]) });
    expect(detectCodeExfiltration(burst(20), p, b, null, late)).toEqual([]);
  });
});
