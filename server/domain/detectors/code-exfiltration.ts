import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { CODE_PULL_ACTIONS, isCodePull, repoOf } from './github-actions';
import { localTime } from './local-time';
import { fmt, makeSignal, raise } from './signal';
import { quantiles } from './stats';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

const DAY = 86_400_000;

/**
 * code_exfiltration (docs/DETECTORS.md §GitHub): a day on which a person cloned, fetched or
 * downloaded as archives far more distinct repositories than they usually reach. Distinct
 * repositories, not pulls: a build script re-cloning its three repositories fifty times a day is
 * ordinary; someone taking the organization's code reaches repositories they never touch.
 *
 * With a mature baseline the day fires when its distinct repositories reach the floor
 * (`codePullMinRepos`) and `codePullRatio` × the person's own p90 day (days the GitHub log
 * reported, days without pulls counting as 0). Without one (a new joiner, the impostor's first
 * week) only the higher `codePullNewcomerRepos` fires. High at twice the threshold or when most of
 * the day's repositories were downloaded as archives; one step higher inside the 30 days before the
 * person's end date. A day split across batches is joined with the part already in the baseline.
 */
export function detectCodeExfiltration(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const byDay = new Map<string, DetectorEvent[]>();
  let coveredFrom = -Infinity;
  for (const e of events) {
    if (!isCodePull(e)) continue;
    const day = localTime(e.occurredAt, person.timezone).day;
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
    const since = e.source ? org.sourcesSince?.get(e.source) : undefined;
    if (since !== undefined && since > coveredFrom) coveredFrom = since;
  }
  if (byDay.size === 0) return [];

  // Reference days: active days the GitHub log reported, other than the days judged now.
  let days = Object.keys(baseline.dailyRecords);
  if (Number.isFinite(coveredFrom)) {
    const firstDay = localTime(new Date(coveredFrom + DAY), person.timezone).day;
    days = days.filter((d) => d >= firstDay);
  }
  const reference = days
    .filter((d) => !byDay.has(d))
    .map((d) => baseline.dailyCodeRepos[d]?.length ?? 0);
  const mature = isBaselineMature(baseline, org) && reference.length >= t.minBaselineDays;
  const usual = mature ? quantiles(reference, [0.9])[0]! : 0;
  const threshold = mature
    ? Math.max(t.codePullMinRepos, Math.ceil(t.codePullRatio * Math.max(1, usual)))
    : t.codePullNewcomerRepos;

  const out: Signal[] = [];
  for (const [day, pulls] of byDay) {
    const repos = new Set(baseline.dailyCodeRepos[day] ?? []);
    const archives = new Set<string>();
    for (const e of pulls) {
      repos.add(repoOf(e));
      if (e.action.startsWith('repo.download')) archives.add(repoOf(e));
    }
    if (repos.size < threshold) continue;
    let severity: Severity =
      repos.size >= 2 * threshold || archives.size * 2 >= repos.size ? 'high' : 'medium';
    const leaving = leavingWithin(person, day, 30);
    if (leaving !== null) severity = raise(severity);
    const actions = [...new Set(pulls.map((e) => e.action))].filter((a) =>
      CODE_PULL_ACTIONS.has(a),
    );
    out.push(
      makeSignal({
        kind: 'code_exfiltration',
        person,
        severity,
        evidence: pulls,
        keyParts: [day],
        explanation:
          `${fmt(repos.size)} distinct repositories pulled on ${day} (${fmt(pulls.length)} ${actions.join(', ')} events` +
          (archives.size ? `, ${fmt(archives.size)} as archives` : '') +
          `); ` +
          (mature
            ? `the person's usual day reaches ${fmt(usual)} (p90), threshold ${fmt(threshold)}`
            : `no mature baseline yet, newcomer threshold ${fmt(threshold)}`) +
          (leaving !== null ? `; ${fmt(leaving)} days before their end date.` : '.'),
        stats: {
          day,
          repositories: repos.size,
          pulls: pulls.length,
          archives: archives.size,
          usualRepositories: usual,
          threshold,
          baseline: mature ? 'mature' : 'none',
          sampleRepositories: [...repos].sort().slice(0, 10).join(', '),
          ...(leaving !== null ? { daysBeforeEnd: leaving } : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}

/** Days from `day` to the person's end date when it is 0–`within` days away, else null. */
function leavingWithin(person: PersonContext, day: string, within: number): number | null {
  if (!person.endDate) return null;
  const days = Math.round((Date.parse(person.endDate) - Date.parse(day)) / DAY);
  return days >= 0 && days <= within ? days : null;
}
