// Scores a run against the manifest: each insider's and look-alike's rank, recall and precision
// in the top 2×N (N = planted insiders), a markdown table and the pass/fail verdict.
import type { EvalRun, RankedPerson } from './harness';
import type { ManifestEntry } from './model';

export interface LabelledResult extends ManifestEntry {
  rank: number | null;
  score: number;
  band: string;
  signals: string[];
  topFactors: string[];
}

export interface EvalReport {
  insiders: LabelledResult[];
  lookalikes: LabelledResult[];
  /** 2 × the number of planted insiders. */
  cutoff: number;
  recall: number;
  precision: number;
  /** Insiders outside the cutoff, look-alikes inside it. */
  failures: string[];
  people: number;
}

export function scoreRun(manifest: readonly ManifestEntry[], run: EvalRun): EvalReport {
  const byEmail = new Map<string, RankedPerson>(run.ranking.map((r) => [r.email, r]));
  const label = (m: ManifestEntry): LabelledResult => {
    const r = byEmail.get(m.email);
    return {
      ...m,
      rank: r?.rank ?? null,
      score: r?.score ?? 0,
      band: r?.band ?? 'low',
      signals: r?.signals ?? [],
      topFactors: r?.topFactors ?? [],
    };
  };
  const insiders = manifest.filter((m) => m.kind === 'insider').map(label);
  const lookalikes = manifest.filter((m) => m.kind === 'benign').map(label);
  const cutoff = 2 * insiders.length;
  const inTop = (x: LabelledResult) => x.rank !== null && x.rank <= cutoff;
  const caught = insiders.filter(inTop).length;
  const failures = [
    ...insiders
      .filter((x) => !inTop(x))
      .map((x) => `insider ${x.tactic} (${x.email}) ranked ${x.rank ?? 'unranked'} > ${cutoff}`),
    ...lookalikes
      .filter(inTop)
      .map((x) => `look-alike ${x.tactic} (${x.email}) ranked ${x.rank} ≤ ${cutoff}`),
  ];
  return {
    insiders,
    lookalikes,
    cutoff,
    recall: insiders.length ? caught / insiders.length : 1,
    precision: caught / cutoff,
    failures,
    people: run.ranking.length,
  };
}

const row = (x: LabelledResult, cutoff: number) =>
  `| ${x.kind === 'insider' ? (x.rank !== null && x.rank <= cutoff ? '✓' : '✗') : x.rank !== null && x.rank <= cutoff ? '✗' : '✓'} | ${x.tactic} | ${x.rank ?? '—'} | ${x.score.toFixed(1)} | ${x.band} | ${x.signals.join(', ') || '—'} | ${x.topFactors.join(', ') || '—'} |`;

export function markdown(report: EvalReport, title: string): string {
  const head =
    '| ok | tactic | rank | score | band | signals | top factors |\n| -- | ------ | ---: | ----: | ---- | ------- | ----------- |';
  return [
    `### ${title}`,
    '',
    `${report.people} people; cutoff 2×N = ${report.cutoff}; recall@${report.cutoff} ${(report.recall * 100).toFixed(0)}%, precision@${report.cutoff} ${(report.precision * 100).toFixed(0)}%.`,
    '',
    '**Insiders**',
    '',
    head,
    ...report.insiders.map((x) => row(x, report.cutoff)),
    '',
    '**Benign look-alikes**',
    '',
    head,
    ...report.lookalikes.map((x) => row(x, report.cutoff)),
    '',
  ].join('\n');
}
