// The evaluation tenant, generated purely from (seed, people, days): HR facts, grants, watchlist,
// tickets and three sources' logs, plus the manifest of planted insiders and benign look-alikes.
// No database and no clock: the same options give byte-identical files.
import { Activity } from './activity';
import { Calendar } from './clock';
import { grantsCsv, peopleCsv, systemsCsv, ticketsCsv, vendorsCsv, watchlistCsv } from './csv';
import { githubLogs } from './github-log';
import { GITHUB_SCENARIOS } from './github-scenarios';
import { LOOKALIKES } from './lookalikes';
import {
  DAY_MS,
  EVAL_NOW,
  type EvalOptions,
  type GrantSpec,
  type ManifestEntry,
  type PersonSpec,
  type WatchlistSpec,
} from './model';
import { makeTaker, type PlantContext } from './plant';
import { buildPeople } from './population';
import { Rng } from './rng';
import { ordinaryLogs } from './routine';
import { Sinks } from './sources';
import { ACCOUNT_TACTICS } from './tactics';
import { DATA_TACTICS } from './tactics-data';

export const DEFAULT_OPTIONS: EvalOptions = { seed: 1, people: 300, days: 45 };

export interface EvalFiles {
  vendors: string;
  systems: string;
  people: string;
  grants: string;
  watchlist: string;
  /** For `vigil import tickets` (docs/IMPORTS.md); not imported until that import exists. */
  tickets: string;
  okta: string;
  cloudtrail: string;
  /** Canonical NDJSON of the in-house consoles (support, KYC vault, treasury). */
  consoles: string;
  /** The GitHub organization audit log, NDJSON (docs/INGEST.md §GitHub). */
  github: string;
}

export interface GeneratedEval {
  options: EvalOptions;
  now: Date;
  people: PersonSpec[];
  manifest: ManifestEntry[];
  files: EvalFiles;
  counts: { okta: number; cloudtrail: number; consoles: number; github: number; tickets: number };
}

/** Standing access by role, from each person's final facts (after scenarios changed them). */
function baseGrants(people: readonly PersonSpec[]): GrantSpec[] {
  const out: GrantSpec[] = [];
  const add = (p: PersonSpec, system: string, privilege: string) =>
    out.push({ email: p.email, system, privilege, startsAt: p.startDate });
  for (const p of people) {
    if (p.role === 'bpo_agent' || p.role === 'support')
      add(p, 'Support Console', p.title.endsWith('Lead') ? 'supervisor' : 'agent');
    if (p.role === 'kyc_reviewer') add(p, 'KYC Vault', 'reviewer');
    if (p.role === 'engineer' || p.role === 'contract_dev') {
      add(p, 'AWS Production', 'developer');
      add(p, 'GitHub', 'member');
    }
    if (p.role === 'compliance') {
      add(p, 'KYC Vault', 'viewer');
      add(p, 'Support Console', 'supervisor');
    }
    if (p.role === 'finance') add(p, 'Treasury Console', 'approver');
    if (p.role === 'ops' && p.behaviour.lookups > 0) add(p, 'Support Console', 'supervisor');
  }
  return out;
}

/** Unrelated watchlist profiles: the list is mostly people the tenant never employed. */
function backgroundWatchlist(rng: Rng): WatchlistSpec[] {
  const names = [
    'Viktor Lenz',
    'Sun Hye Ri',
    'Omar Haddad',
    'Li Wei Chen',
    'Ivan Petrenko',
    'Ri Chol Su',
    'Pak Jin Hyok',
    'Dmitri Orlov',
    'Hassan Karimi',
    'Jae Min Cho',
    'Yuri Sokolov',
    'Kang Myong Chol',
  ];
  return names.map((name, i) => ({
    name,
    aliases: [],
    emails: [`${name.split(' ')[0]!.toLowerCase()}${rng.int(10, 99)}@proton.example`],
    phones: i % 3 === 0 ? [`+8525${rng.int(1_000_000, 9_999_999)}`] : [],
    github: i % 2 === 0 ? [`dev-${rng.hex(6)}`] : [],
    telegram: i % 4 === 1 ? [`tg_${rng.hex(8)}`] : [],
    wallets: i % 5 === 2 ? [`0x${rng.hex(40)}`] : [],
    source: i % 2 ? 'OFAC SDN (excerpt)' : 'IT-worker advisory',
    notes: '',
  }));
}

export function generateEval(options: EvalOptions = DEFAULT_OPTIONS): GeneratedEval {
  const root = new Rng(options.seed);
  const people = buildPeople(root.fork(1), options.people, options.days);
  const cal = new Calendar(EVAL_NOW.getTime() - options.days * DAY_MS, options.days);
  const sinks = new Sinks(options.seed);
  const act = new Activity(sinks, cal, root.fork(2));
  const watchlist = backgroundWatchlist(root.fork(3));
  const scenarioGrants: GrantSpec[] = [];
  const ctx: PlantContext = {
    act,
    rng: root.fork(4),
    people,
    grants: scenarioGrants,
    watchlist,
    days: options.days,
    take: makeTaker(root.fork(5), people),
  };
  const planted = [...ACCOUNT_TACTICS, ...DATA_TACTICS, ...LOOKALIKES].map((s, i) => {
    act.rng = root.fork(100 + i);
    return s.plant(ctx);
  });
  // GitHub draws from a stream of its own: a fork of `root` would shift every later draw of it,
  // and so every other log of the seed (docs/DETECTION-QUALITY.md §The tenant).
  const gh = new Rng((options.seed ^ 0x67697468) >>> 0);
  const ghPlanted = GITHUB_SCENARIOS.map((s, i) => {
    act.rng = gh.fork(100 + i);
    return s.plant(ctx);
  });
  const grants = baseGrants(people);
  for (const g of scenarioGrants)
    if (
      !grants.some(
        (x) => x.email === g.email && x.system === g.system && x.privilege === g.privilege,
      )
    )
      grants.push(g);
  for (const p of people) {
    act.rng = root.fork(10_000 + p.index);
    ordinaryLogs(act, [p], options.days);
  }
  githubLogs(act, people, options.days, (p) => gh.fork(30_000 + p.index));
  planted.forEach((x, i) => {
    act.rng = root.fork(20_000 + i);
    x.events?.();
  });
  ghPlanted.forEach((x, i) => {
    act.rng = gh.fork(20_000 + i);
    x.events?.();
  });
  const logs = sinks.serialize();
  return {
    options,
    now: EVAL_NOW,
    people,
    manifest: [...planted, ...ghPlanted].flatMap((x) => x.entries),
    files: {
      vendors: vendorsCsv(),
      systems: systemsCsv(),
      people: peopleCsv(people),
      grants: grantsCsv(grants),
      watchlist: watchlistCsv(watchlist),
      tickets: ticketsCsv(act.tickets),
      ...logs,
    },
    counts: {
      okta: sinks.okta.length,
      cloudtrail: sinks.cloudtrail.length,
      consoles: sinks.canonical.length,
      github: sinks.github.length,
      tickets: act.tickets.length,
    },
  };
}
