import { DEFAULT_THRESHOLDS } from '../detectors/defaults';
import { SEVERITIES } from '../detectors/types';
import { genericFacts, type Fact, type Stats } from './facts';
import {
  countryLabel,
  dayLabel,
  instantLabel,
  num,
  percent,
  plural,
  severityWord,
  words,
} from './words';

export type { Fact } from './facts';

export interface SignalDescription {
  /** "High: 412 records on Thu 17 Sep — 9.4× this person's usual day (median 44) and …". */
  headline: string;
  /** The numbers behind it, labelled in words. */
  facts: Fact[];
  /** True when the headline is the detector's own explanation (no presenter for the kind). */
  generic: boolean;
}

type Presenter = (s: Stats, severity: string) => { why: string; facts: Fact[] };

const T = DEFAULT_THRESHOLDS;
const n = (s: Stats, key: string): number | null => {
  const v = s[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const str = (s: Stats, key: string): string | null => {
  const v = s[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};
const rank = (severity: string) => (SEVERITIES as readonly string[]).indexOf(severity);
const fact = (label: string, value: string | null | undefined): Fact[] =>
  value === null || value === undefined || value === '' ? [] : [{ label, value }];
const count = (v: number | null) => (v === null ? null : num(v));
const on = (s: Stats) => (str(s, 'day') ? ` on ${dayLabel(str(s, 'day')!)}` : '');
const times = (x: number, of: number) => (of > 0 ? `${num(x / of, x / of < 10 ? 1 : 0)}×` : null);
const evidenceFact = (s: Stats) => fact('Events in the evidence', count(n(s, 'evidenceEvents')));
const dayFact = (s: Stats) =>
  fact('Day (their time zone)', str(s, 'day') && dayLabel(str(s, 'day')!, true));

/**
 * One presenter per detector kind, each saying why the signal has its severity by the rule that set
 * it (docs/DETECTORS.md §Defaults), from the stats the detector stored. Thresholds are the defaults:
 * the detection job runs them unchanged.
 */
const PRESENTERS: Record<string, Presenter> = {
  volume_spike(s, severity) {
    const records = n(s, 'records') ?? 0;
    const med = n(s, 'ownMedian');
    const p99 = n(s, 'peersP99');
    const group = n(s, 'peerGroupSize');
    const ratio = med !== null ? times(records, med) : null;
    const own =
      med === null
        ? 'far above this person’s usual day'
        : ratio
          ? `${ratio} this person’s usual day (median ${num(med)})`
          : `against a usual day of ${num(med)}`;
    const peers =
      p99 !== null
        ? ` and above the busiest 1% of peer days (${num(p99)}${group ? `, ${plural(group, 'person', 'people')} in the group` : ''})`
        : rank(severity) < rank('high')
          ? '; no peer group of 5 or more to compare with, so it stays medium'
          : '';
    return {
      why: `${num(records)} records${on(s)} — ${own}${peers}`,
      facts: [
        ...fact('Records touched that day', num(records)),
        ...dayFact(s),
        ...fact('Their usual day (median)', count(med)),
        ...fact('Their usual spread (MAD)', count(n(s, 'ownMad'))),
        ...fact(
          'How unusual for them (robust z-score)',
          n(s, 'robustZ') !== null
            ? `${num(n(s, 'robustZ')!, 1)} (fires at ${T.volumeSpikeZ})`
            : null,
        ),
        ...fact('Peers’ busiest 1% of days (p99)', count(p99)),
        ...fact('Peer group', group !== null ? plural(group, 'person', 'people') : null),
        ...evidenceFact(s),
      ],
    };
  },

  bulk_record_access(s, severity) {
    const threshold = n(s, 'threshold');
    if (threshold !== null || str(s, 'action')) {
      // A single export (the window variant stores distinctRecords instead).
      const records = n(s, 'records') ?? 0;
      const limit = threshold ?? T.bulkExportRecords;
      const why =
        rank(severity) >= rank('critical')
          ? records >= 10 * limit
            ? `, 10× or more the ${num(limit)}-record export threshold`
            : `, over the ${num(limit)}-record export threshold and of sensitive records`
          : `, over the ${num(limit)}-record export threshold`;
      return {
        why: `one export of ${num(records)} records${str(s, 'action') ? ` (${str(s, 'action')})` : ''}${why}`,
        facts: [
          ...fact('Records exported', num(records)),
          ...fact('Action', str(s, 'action')),
          ...fact('Export threshold', `${num(limit)} records`),
          ...evidenceFact(s),
        ],
      };
    }
    const records = n(s, 'distinctRecords') ?? 0;
    const minutes = n(s, 'windowMinutes') ?? T.bulkWindowMinutes;
    const limit = T.bulkDistinctRecords;
    const why =
      rank(severity) >= rank('critical')
        ? `5× or more the bulk threshold of ${num(limit)}`
        : `above the bulk threshold of ${num(limit)} (critical at ${num(5 * limit)})`;
    return {
      why: `${num(records)} distinct sensitive records within ${num(minutes)} minutes${on(s)} — ${why}`,
      facts: [
        ...fact('Distinct sensitive records', num(records)),
        ...fact('Within', `${num(minutes)} minutes`),
        ...dayFact(s),
        ...fact('Events in that window', count(n(s, 'events'))),
        ...fact('Bulk threshold', `${num(limit)} records in ${num(T.bulkWindowMinutes)} minutes`),
        ...evidenceFact(s),
      ],
    };
  },

  access_without_ticket(s, severity) {
    const unticketed = n(s, 'unticketed') ?? 0;
    const sensitive = n(s, 'sensitive') ?? 0;
    const rate = n(s, 'rate') ?? 0;
    const own = n(s, 'ownRate');
    const peers = n(s, 'peersP90');
    const usual = [
      own !== null ? `this person usually ${percent(own)}` : null,
      peers !== null ? `nine in ten peers at most ${percent(peers)}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const why =
      rank(severity) >= rank('high')
        ? `; high at 80% or more across ${num(5 * T.noTicketMinEvents)} or more accesses`
        : '';
    return {
      why: `${num(unticketed)} of ${num(sensitive)} sensitive accesses${on(s)} had no ticket (${percent(rate)})${usual ? ` — ${usual}` : ''}${why}`,
      facts: [
        ...fact('Sensitive accesses without a ticket', num(unticketed)),
        ...fact('Sensitive accesses that day', num(sensitive)),
        ...fact('Share without a ticket', percent(rate)),
        ...dayFact(s),
        ...fact('Their usual share without a ticket', own !== null ? percent(own) : null),
        ...fact('Peers’ share, 90th percentile', peers !== null ? percent(peers) : null),
        ...evidenceFact(s),
      ],
    };
  },

  off_hours(s, severity) {
    const events = n(s, 'events') ?? 0;
    const sensitive = n(s, 'sensitiveEvents') ?? 0;
    const records = n(s, 'sensitiveRecords') ?? 0;
    const share = n(s, 'baselineShare');
    const tz = str(s, 'timezone');
    const touched =
      rank(severity) >= rank('medium') && sensitive > 0
        ? `, ${num(sensitive)} touching ${plural(records, 'sensitive record')}`
        : ', none touching sensitive records';
    return {
      why:
        `${plural(events, 'event')} outside working hours${on(s)}${tz ? ` (${tz})` : ''}${touched}` +
        (share !== null
          ? ` — hours that hold only ${percent(share)} of this person’s usual activity`
          : ''),
      facts: [
        ...fact('Events outside working hours', num(events)),
        ...dayFact(s),
        ...fact('Time zone', tz),
        ...fact('Of them touching sensitive records', count(sensitive)),
        ...fact('Sensitive records touched', count(records)),
        ...fact('Their usual activity in those hours', share !== null ? percent(share) : null),
        ...fact('Events in their 30-day baseline', count(n(s, 'baselineEvents'))),
        ...evidenceFact(s),
      ],
    };
  },

  new_country(s) {
    const country = str(s, 'country');
    const declared = str(s, 'declaredCountry');
    const risky = n(s, 'highRisk') === 1;
    const reasons = [
      declared && declared !== country
        ? `it contradicts their declared ${countryLabel(declared)}`
        : null,
      risky ? 'it is on the organization’s high-risk list' : null,
    ].filter(Boolean);
    return {
      why:
        `${plural(n(s, 'events') ?? 0, 'event')} from ${country ? countryLabel(country) : 'a new country'}, ` +
        `not seen in this person’s last 30 days` +
        (reasons.length
          ? ` — ${reasons.join(' and ')}`
          : ' — new, but neither contradicting their declared location nor high-risk'),
      facts: [
        ...fact('Country', country && countryLabel(country)),
        ...fact('Events from there', count(n(s, 'events'))),
        ...fact('Declared location', declared ? countryLabel(declared) : 'none declared'),
        ...fact('On the high-risk list', risky ? 'yes' : 'no'),
        ...fact('Countries in their baseline', count(n(s, 'baselineCountries'))),
        ...evidenceFact(s),
      ],
    };
  },

  impossible_travel(s, severity) {
    const km = n(s, 'distanceKm') ?? 0;
    const minutes = n(s, 'minutes') ?? 0;
    const speed = n(s, 'speedKmh') ?? 0;
    const from = str(s, 'fromCountry');
    const to = str(s, 'toCountry');
    const route = from || to ? `${from ?? '?'} → ${to ?? '?'}: ` : '';
    const span = minutes < 120 ? `${num(minutes)} min` : `${num(minutes / 60, 1)} h`;
    const why =
      rank(severity) >= rank('critical') ? ', and the second event touched sensitive records' : '';
    return {
      why: `${route}${num(km)} km in ${span}, ${num(speed)} km/h — an airliner manages about ${num(T.travelMaxKmh)} km/h${why}`,
      facts: [
        ...fact('From', from && countryLabel(from)),
        ...fact('To', to && countryLabel(to)),
        ...fact('Distance', `${num(km)} km`),
        ...fact('Time between the events', span),
        ...fact('Implied speed', `${num(speed)} km/h`),
        ...evidenceFact(s),
      ],
    };
  },

  anonymizing_network(s, severity) {
    const events = n(s, 'events') ?? 0;
    const sensitive = n(s, 'sensitiveEvents') ?? 0;
    const habitual = n(s, 'baselineProxyShare');
    // low, +1 for a declared home location, +1 for sensitive access (docs/DETECTORS.md §Defaults).
    const declared = rank(severity) - (sensitive > 0 ? 1 : 0) >= 1;
    const reasons = [
      declared ? 'this person declared a home location' : null,
      sensitive > 0 ? `${plural(sensitive, 'event')} touched sensitive records` : null,
    ].filter(Boolean);
    return {
      why:
        `${plural(events, 'event')}${on(s)} through an anonymizing proxy, VPN or hosting network` +
        (reasons.length ? ` — ${reasons.join(' and ')}` : '') +
        (habitual !== null ? `; ${percent(habitual)} of their usual activity comes that way` : ''),
      facts: [
        ...fact('Events through a proxy', num(events)),
        ...dayFact(s),
        ...fact('Distinct IP addresses', count(n(s, 'distinctIps'))),
        ...fact('Of them touching sensitive records', num(sensitive)),
        ...fact('Their usual share through proxies', habitual !== null ? percent(habitual) : null),
        ...evidenceFact(s),
      ],
    };
  },

  timezone_mismatch(s) {
    const best = n(s, 'bestFit');
    const declared = n(s, 'declaredFit');
    return {
      why:
        `${best !== null ? percent(best) : 'Most'} of ${plural(n(s, 'events') ?? 0, 'event')} fall in working hours at ${str(s, 'bestOffset') ?? 'another offset'}, ` +
        `only ${declared !== null ? percent(declared) : 'little'} at the declared ${str(s, 'declaredOffset') ?? 'zone'}`,
      facts: [
        ...fact('Events weighed', count(n(s, 'events'))),
        ...fact('Declared offset', str(s, 'declaredOffset')),
        ...fact(
          'In working hours at the declared offset',
          declared !== null ? percent(declared) : null,
        ),
        ...fact('Offset that fits best', str(s, 'bestOffset')),
        ...fact('In working hours at that offset', best !== null ? percent(best) : null),
        ...evidenceFact(s),
      ],
    };
  },

  access_without_grant(s, severity) {
    const sensitive = n(s, 'sensitiveEvents') ?? 0;
    return {
      why:
        `${plural(n(s, 'events') ?? 0, 'event')} on ${str(s, 'system') ?? 'a governed system'}${on(s)} with no grant covering them` +
        (rank(severity) >= rank('high') && sensitive > 0
          ? ` — ${num(sensitive)} touching sensitive records`
          : ' — none touching sensitive records'),
      facts: [
        ...fact('System', str(s, 'system')),
        ...dayFact(s),
        ...fact('Events without a grant', count(n(s, 'events'))),
        ...fact('Of them touching sensitive records', num(sensitive)),
        ...evidenceFact(s),
      ],
    };
  },

  access_after_termination(s, severity) {
    const successes = n(s, 'successes') ?? 0;
    const failures = n(s, 'failures') ?? 0;
    const sensitive = n(s, 'sensitiveEvents') ?? 0;
    const end = str(s, 'endDate');
    const why =
      successes === 0
        ? ' — only failed attempts, so access was tried, not had'
        : rank(severity) >= rank('critical')
          ? ` — ${num(sensitive)} touching sensitive records`
          : '';
    return {
      why: `${plural(successes, 'successful event')} and ${plural(failures, 'failed one')}${on(s)}, after ${end ? `the end date ${dayLabel(end, true)}` : 'the vendor was offboarded'}${why}`,
      facts: [
        ...fact('Successful events', num(successes)),
        ...fact('Failed attempts', num(failures)),
        ...fact('Of them touching sensitive records', num(sensitive)),
        ...dayFact(s),
        ...fact('End date', end && dayLabel(end, true)),
        ...evidenceFact(s),
      ],
    };
  },

  dormant_account_use(s, severity) {
    const silent = n(s, 'silentDays') ?? 0;
    const sensitive = n(s, 'sensitiveEvents') ?? 0;
    return {
      why:
        `activity after ${plural(silent, 'day')} of silence (dormant after ${num(T.dormantDays)})` +
        (rank(severity) >= rank('high') && sensitive > 0
          ? ` — ${num(sensitive)} touching sensitive records within 24 hours`
          : ''),
      facts: [
        ...fact('Days of silence', num(silent)),
        ...fact('Last seen before', str(s, 'lastSeen') && instantLabel(str(s, 'lastSeen')!)),
        ...fact('Events in the first 24 hours', count(n(s, 'eventsFirstDay'))),
        ...fact('Of them touching sensitive records', num(sensitive)),
        ...evidenceFact(s),
      ],
    };
  },

  shared_infrastructure(s, severity) {
    const people = n(s, 'people') ?? 0;
    // A device is high, an egress IP medium, one step more at 3 people (docs/DETECTORS.md §Defaults).
    const base = rank(severity) - (people >= 3 ? 1 : 0);
    const what = base >= rank('high') ? 'One device' : 'One egress IP';
    const places = (str(s, 'declaredLocations') ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    return {
      why: `${what} used by ${plural(people, 'person', 'people')} declaring ${places.length ? places.map(countryLabel).join(', ') : 'different locations'}`,
      facts: [
        ...fact('People using it', num(people)),
        ...fact('Their declared locations', places.map(countryLabel).join(', ')),
        ...fact('This person’s events on it', count(n(s, 'events'))),
        ...evidenceFact(s),
      ],
    };
  },

  remote_access_tool(s) {
    return {
      why: `${str(s, 'tool') ?? 'Remote-control software'} seen in ${plural(n(s, 'events') ?? 0, 'event')}${on(s)} — someone else may be at the keyboard`,
      facts: [
        ...fact('Tool', str(s, 'tool')),
        ...dayFact(s),
        ...fact('Events', count(n(s, 'events'))),
        ...evidenceFact(s),
      ],
    };
  },

  privilege_change_outside_workflow(s) {
    const active = n(s, 'activeGrantsOnSystem') ?? 0;
    return {
      why:
        `${str(s, 'privilege') ?? 'Administrative rights'} granted on ${str(s, 'system') ?? 'an unregistered system'} with no approved grant behind it` +
        (active === 0
          ? ' — and no grant at all on that system'
          : ` — ${plural(active, 'other grant')} on that system, none for this`),
      facts: [
        ...fact('Granted', str(s, 'privilege')),
        ...fact('System', str(s, 'system')),
        ...fact('Action', str(s, 'action')),
        ...fact('Their active grants on that system', num(active)),
        ...evidenceFact(s),
      ],
    };
  },

  mfa_tampering(s, severity) {
    const cause =
      str(s, 'cause') === 'push'
        ? `${plural(n(s, 'triggers') ?? 0, 'MFA push denial')} within ${num(T.mfaPushWindowMinutes)} minutes`
        : 'MFA factor removed or reset';
    const access = n(s, 'accessEvents') ?? 0;
    const sensitive = n(s, 'sensitiveEvents') ?? 0;
    return {
      why:
        `${cause}, then ${plural(access, 'successful event')}` +
        (rank(severity) >= rank('critical') && sensitive > 0
          ? ` — ${num(sensitive)} touching sensitive records`
          : ''),
      facts: [
        ...fact(
          'What happened',
          str(s, 'cause') === 'push' ? 'Push denials (MFA fatigue)' : 'Factor reset or removed',
        ),
        ...fact('MFA events', count(n(s, 'triggers'))),
        ...fact('Successful events after', num(access)),
        ...fact('Of them touching sensitive records', num(sensitive)),
        ...evidenceFact(s),
      ],
    };
  },

  watchlist_match(s, severity) {
    const similarity = n(s, 'similarity');
    return {
      why:
        `matches “${str(s, 'entry') ?? 'a watchlist entry'}”${str(s, 'source') ? ` (${str(s, 'source')})` : ''}` +
        (similarity !== null ? `, ${percent(similarity)} similar` : '') +
        (rank(severity) >= rank('high') ? ' — an exact match' : ' — a close, not exact, match'),
      facts: [
        ...fact('Watchlist entry', str(s, 'entry')),
        ...fact('List', str(s, 'source')),
        ...fact('Similarity', similarity !== null ? percent(similarity) : null),
      ],
    };
  },

  screening_gap(s, severity) {
    const privileged = n(s, 'privilegedGrants') ?? 0;
    const critical = n(s, 'criticalGrants') ?? 0;
    const reasons = (str(s, 'reasons') ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean)
      .map((r) => words(r).toLowerCase());
    const why =
      rank(severity) >= rank('critical')
        ? ' — with a confirmed watchlist match'
        : critical > 0
          ? ` — ${plural(critical, 'critical grant')} among them`
          : '';
    return {
      why: `holds ${plural(privileged, 'high or critical grant')} the pre-access gate would refuse today${reasons.length ? ` (${reasons.join(', ')})` : ''}${why}`,
      facts: [
        ...fact('High or critical grants held', num(privileged)),
        ...fact('Of them critical', num(critical)),
        ...fact('Why the gate would refuse', reasons.join(', ')),
      ],
    };
  },

  attestation_disclosure(s) {
    const disclosed = (str(s, 'disclosed') ?? '')
      .split(',')
      .map((d) => words(d.trim()).toLowerCase())
      .filter(Boolean);
    return {
      why: `an attestation answer disclosed ${disclosed.length ? disclosed.join(', ') : 'something to review'}${str(s, 'campaign') ? ` (${str(s, 'campaign')})` : ''}`,
      facts: [...fact('Campaign', str(s, 'campaign')), ...fact('Disclosed', disclosed.join(', '))],
    };
  },
};

/**
 * Why a signal has its severity, in words and numbers people read, and its stats as labelled facts
 * (docs/PRODUCT.md §Signals and triage). Kinds without a presenter (new ones included) lead with
 * the detector's explanation and show every stat under a readable label.
 */
export function describeSignal(
  kind: string,
  severity: string,
  stats: Stats,
  explanation = '',
): SignalDescription {
  const level = severityWord(severity);
  const present = PRESENTERS[kind];
  if (!present) {
    const text = explanation.trim().replace(/\.$/, '');
    return {
      headline: text ? `${level}: ${text}` : level,
      facts: genericFacts(stats),
      generic: true,
    };
  }
  const { why, facts } = present(stats, severity);
  return { headline: `${level}: ${capitalise(why)}`, facts, generic: false };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Whether a presenter reads this kind's stats (the rest fall back to the generic one). */
export const hasPresenter = (kind: string) => kind in PRESENTERS;
