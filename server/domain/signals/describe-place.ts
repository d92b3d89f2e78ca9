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
  type Presenter,
} from './describe-shared';
import { countryLabel, num, percent, plural } from './words';

// Where and when: countries, networks, working hours and time zones (docs/DETECTORS.md §Defaults).
export const PLACE_PRESENTERS: Record<string, Presenter> = {
  off_hours(s, severity) {
    const events = n(s, 'events') ?? 0;
    const sensitive = n(s, 'sensitiveEvents') ?? 0;
    const records = n(s, 'sensitiveRecords') ?? 0;
    const share = n(s, 'baselineShare');
    const tz = str(s, 'timezone');
    const touched =
      sensitive === 0
        ? ', none touching sensitive records'
        : `, ${num(sensitive)} touching ${plural(records, 'sensitive record')}` +
          (rank(severity) < rank('medium')
            ? ` (medium from ${num(T.offHoursSensitiveRecords)})`
            : '');
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
    // low; +1 for sensitive access, +1 more when the person also declared a home location
    // (docs/DETECTORS.md §Defaults).
    const declared = sensitive > 0 && rank(severity) >= rank('high');
    const reasons = [
      sensitive > 0 ? `${plural(sensitive, 'event')} touched sensitive records` : null,
      declared ? 'this person declared a home location' : null,
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
};
