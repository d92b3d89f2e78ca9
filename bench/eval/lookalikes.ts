// Benign look-alikes: people whose ordinary work resembles a tactic (nights, travel, exports,
// volume, shared addresses, first weeks). They must not rank among the riskiest.
import { isoDate } from './model';
import { ipIn, PLACES } from './places';
import { entry, type Scenario } from './plant';

export const LOOKALIKES: Scenario[] = [
  {
    tactic: 'on_call_engineer',
    kind: 'benign',
    summary:
      'Engineer on a one-week-in-three rota, paged at night and working production from home',
    plant({ take, days }) {
      const p = take('engineer', (x) => x.behaviour.vpnShare === 0);
      p.behaviour.onCallSlot = Math.floor((days - 1) / 7) % 3;
      return {
        entries: [
          entry(
            p,
            'on_call_engineer',
            'benign',
            'night pages (01:00–04:00 local) in on-call weeks, including the last',
          ),
        ],
      };
    },
  },
  {
    tactic: 'frequent_traveller',
    kind: 'benign',
    summary:
      'Account director flying Paris, then Dubai → Singapore → Tokyo in the last ten days, at flight speed',
    plant({ take, days }) {
      const p = take('exec', (x) => x.home === PLACES.london);
      p.behaviour.trips = [
        { from: 5, to: 8, place: PLACES.paris },
        { from: days - 10, to: days - 8, place: PLACES.dubai },
        { from: days - 8, to: days - 6, place: PLACES.singapore },
        { from: days - 6, to: days - 3, place: PLACES.tokyo },
      ];
      return {
        entries: [
          entry(
            p,
            'frequent_traveller',
            'benign',
            'new countries a day or more apart; flights are plausible',
          ),
        ],
      };
    },
  },
  {
    tactic: 'weekly_scheduled_export',
    kind: 'benign',
    summary: 'Compliance analyst whose report exports ~500 customer records every Monday at 07:00',
    plant({ take, grants }) {
      const p = take('compliance', (x) => x.home === PLACES.london);
      p.behaviour.weeklyExport = 500;
      if (!grants.some((g) => g.email === p.email && g.system === 'Support Console'))
        grants.push({
          email: p.email,
          system: 'Support Console',
          privilege: 'supervisor',
          startsAt: p.startDate,
        });
      return {
        entries: [
          entry(
            p,
            'weekly_scheduled_export',
            'benign',
            'customer.export of ~500 records each Monday',
          ),
        ],
      };
    },
  },
  {
    tactic: 'busy_team',
    kind: 'benign',
    summary: 'A whole in-house support team (6 people) working 3× the usual volume, all ticketed',
    plant({ take }) {
      const team = [];
      // Six people, or as many as a small tenant has.
      for (let i = 0; i < 6; i++) {
        try {
          team.push(take('support'));
        } catch {
          break;
        }
      }
      for (const p of team) {
        p.behaviour.lookups *= 3;
        p.behaviour.ticketRate = Math.max(p.behaviour.ticketRate, 0.96);
      }
      return {
        entries: team.map((p) =>
          entry(p, 'busy_team', 'benign', `~${p.behaviour.lookups} lookups a day, ticketed`),
        ),
      };
    },
  },
  {
    tactic: 'shared_office_nat',
    kind: 'benign',
    summary:
      'London office: everyone behind one NAT address, plus a Dublin engineer visiting for three days',
    plant({ take, days }) {
      const visitor = take(
        'engineer',
        (x) => x.home === PLACES.dublin && x.behaviour.vpnShare === 0,
      );
      visitor.home = PLACES.dublin;
      visitor.homeIp = ipIn(PLACES.dublin, 1000 + visitor.index * 7);
      visitor.behaviour.vpnShare = 0;
      visitor.behaviour.trips = [
        { from: days - 4, to: days - 1, place: PLACES.london, ip: ipIn(PLACES.london, 1) },
      ];
      const regular = take('finance');
      return {
        entries: [
          entry(
            visitor,
            'shared_office_nat',
            'benign',
            'declared IE, in the London office (shared NAT) for 3 days',
          ),
          entry(
            regular,
            'shared_office_nat',
            'benign',
            'in the London office 4 days a week behind its NAT',
          ),
        ],
      };
    },
  },
  {
    tactic: 'new_joiner',
    kind: 'benign',
    summary:
      'BPO agent in their first week: no baseline, training volume, background check still pending',
    plant({ act, take, days }) {
      const p = take('bpo_agent');
      const first = days - 5;
      p.startDate = isoDate(act.cal.dayStart(first));
      p.identityVerifiedOn = p.startDate;
      p.backgroundCheck = 'pending';
      p.behaviour.activeFrom = first;
      p.behaviour.ticketRate = 0.9;
      return { entries: [entry(p, 'new_joiner', 'benign', `started ${p.startDate}`)] };
    },
  },
  {
    tactic: 'manager_covering',
    kind: 'benign',
    summary:
      'Support team lead covering absent agents for 8 days: 2.5× lookups on tickets assigned to the team',
    plant({ act, people, days }) {
      const lead = people.find((p) => p.role === 'support' && p.title.endsWith('Lead'))!;
      const team = people.filter((p) => p.managerEmail === lead.email);
      return {
        entries: [
          entry(
            lead,
            'manager_covering',
            'benign',
            'extra ticketed lookups on the team’s tickets, last 8 days',
          ),
        ],
        events: () => {
          for (let d = days - 8; d < days; d++) {
            if (act.cal.weekday(d) % 6 === 0) continue;
            const s = act.session(lead, d);
            const t = act.at(lead, d, 9.5);
            act.supportLookups(
              s,
              t,
              t + 7 * 3_600_000,
              Math.round(lead.behaviour.lookups * 1.5),
              0.97,
              {
                assignee: act.rng.pick(team.length ? team : [lead]).email,
              },
            );
          }
        },
      };
    },
  },
  {
    tactic: 'vpn_user',
    kind: 'benign',
    summary: 'Engineer who signs in through a commercial VPN nine days in ten',
    plant({ take }) {
      const p = take('engineer', (x) => x.behaviour.trips.length === 0);
      p.behaviour.vpnShare = 0.9;
      return {
        entries: [entry(p, 'vpn_user', 'benign', 'proxy sign-ins throughout the baseline')],
      };
    },
  },
  {
    tactic: 'high_volume_agent',
    kind: 'benign',
    summary: 'BPO agent steadily handling ~120 ticketed lookups a day',
    plant({ take }) {
      const p = take('bpo_agent');
      p.behaviour.lookups = 120;
      p.behaviour.spread = 0.12;
      p.behaviour.ticketRate = 0.985;
      return {
        entries: [
          entry(p, 'high_volume_agent', 'benign', '~120 lookups a day, steady, 98.5% ticketed'),
        ],
      };
    },
  },
];
