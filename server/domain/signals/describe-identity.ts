import { count, evidenceFact, fact, n, rank, str, type Presenter } from './describe-shared';
import { countryLabel, num, percent, plural, words } from './words';

// Who the person is: shared devices and identifiers, watchlists, screening and attestations
// (docs/DETECTORS.md §Defaults, docs/PRODUCT.md §Screening and watchlists).
export const IDENTITY_PRESENTERS: Record<string, Presenter> = {
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
