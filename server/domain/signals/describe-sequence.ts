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
import { dayLabel, instantLabel, num, plural } from './words';

// Access that should not have happened, or happened after something that should worry: no grant,
// after the end date, after silence, after an MFA reset (docs/DETECTORS.md §Defaults).
export const SEQUENCE_PRESENTERS: Record<string, Presenter> = {
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
};
