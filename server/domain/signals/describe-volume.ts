import {
  count,
  dayFact,
  evidenceFact,
  fact,
  n,
  on,
  rank,
  str,
  T,
  times,
  type Presenter,
} from './describe-shared';
import { num, percent, plural } from './words';

// How much was touched, and under which ticket: counts against the person’s usual day, the
// peers’ and the fixed thresholds (docs/DETECTORS.md §Defaults).
export const VOLUME_PRESENTERS: Record<string, Presenter> = {
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
};
