// Planted insider tactics on customer data and identities (exports, bribery, harvesting,
// dormant accounts, shared identifiers), at plausible
// magnitudes: nothing is sized so that a detector cannot miss it (docs/DETECTION-QUALITY.md
// §Honesty).
import { DAY_MS, EVAL_NOW, isoDate, OKTA_EXTRA_DAYS } from './model';
import { ANYDESK_AGENT, ipIn, PLACES } from './places';
import { entry, type Scenario } from './plant';

const HOUR = 3_600_000;

export const DATA_TACTICS: Scenario[] = [
  {
    tactic: 'remote_tool_bulk_export',
    kind: 'insider',
    summary:
      'BPO agent signs in from Vietnam through AnyDesk, looks up 60 customers and exports 1,650 in two files',
    plant({ act, take, days }) {
      const p = take('bpo_agent');
      return {
        entries: [
          entry(
            p,
            'remote_tool_bulk_export',
            'insider',
            'AnyDesk user agent, new country VN, exports of 750 and 900 records',
          ),
        ],
        events: () => {
          const d = days - 2;
          const s = act.session(p, d, {
            place: PLACES.hoChiMinh,
            ip: ipIn(PLACES.hoChiMinh, 4242),
            proxy: false,
            device: act.rng.hex(32),
            userAgent: ANYDESK_AGENT,
          });
          const t = act.at(p, d, p.behaviour.shiftStart + 2);
          act.signIn(s, t);
          act.supportLookups(s, t + 60_000, t + 2 * HOUR, 60, 0.5);
          act.sinks.canonicalEvent(s, t + 2.2 * HOUR, 'Support Console', 'customer.export', {
            resource: 'segment:high-balance',
            records: 750,
          });
          act.sinks.canonicalEvent(s, t + 2.6 * HOUR, 'Support Console', 'customer.export', {
            resource: 'segment:dormant-high-balance',
            records: 900,
          });
        },
      };
    },
  },
  {
    tactic: 'ticket_mismatch',
    kind: 'insider',
    summary:
      'Bribed BPO agent: 8–14 extra lookups a day for 12 days, each with a real ticket id of another customer pasted',
    plant({ act, take, days }) {
      const p = take('bpo_agent');
      return {
        entries: [
          entry(
            p,
            'ticket_mismatch',
            'insider',
            'ticketed lookups whose ticket covers a different customer',
          ),
        ],
        events: () => {
          const pool = act.tickets.filter((t) => t.system === 'Support Console');
          for (let d = days - 12; d < days; d++) {
            if (d >= p.behaviour.activeUntil || act.cal.weekday(d) === p.index % 7) continue;
            const s = act.session(p, d);
            const start = act.at(p, d, p.behaviour.shiftStart + 0.5);
            for (let i = act.rng.int(8, 14); i > 0; i--) {
              const own = act.ticketsOf(p.email, 'Support Console');
              const ticket =
                act.rng.chance(0.5) && own.length ? act.rng.pick(own) : act.rng.pick(pool);
              act.sinks.canonicalEvent(
                s,
                start + act.rng.int(0, 7 * 3600) * 1000,
                'Support Console',
                'customer.view',
                { resource: act.customer(), ticket: ticket.ticketId },
              );
            }
          }
        },
      };
    },
  },
  {
    tactic: 'dormant_account_revived',
    kind: 'insider',
    summary:
      'KYC reviewer account silent for ~8 weeks signs in from a new device and reads 25 KYC documents',
    plant({ act, take, days }) {
      const p = take('kyc_reviewer');
      p.behaviour.activeUntil = -OKTA_EXTRA_DAYS + 3;
      return {
        entries: [
          entry(
            p,
            'dormant_account_revived',
            'insider',
            'last seen ~8 weeks ago; new device, 25 KYC documents without cases',
          ),
        ],
        events: () => {
          const d = days - 1;
          const s = act.session(p, d, { device: act.rng.hex(32) });
          const t = act.at(p, d, 19.5);
          act.signIn(s, t);
          act.kycCases(s, t + 120_000, t + HOUR, 25, 0);
        },
      };
    },
  },
  {
    tactic: 'resignation_mass_download',
    kind: 'insider',
    summary:
      'Compliance analyst leaving in 6 days exports customer lists daily, climbing from 60 to 850 records',
    plant({ act, take, days, grants }) {
      const p = take('compliance', (x) => x.home === PLACES.london);
      p.endDate = isoDate(EVAL_NOW.getTime() + 6 * DAY_MS);
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
            'resignation_mass_download',
            'insider',
            `end date ${p.endDate}; daily exports 60→850 records over 8 working days`,
          ),
        ],
        events: () => {
          const sizes = [60, 90, 140, 200, 300, 420, 600, 850];
          let d = days - 1;
          for (let i = sizes.length - 1; i >= 0; d--) {
            if (act.cal.weekday(d) % 6 === 0) continue;
            const s = act.session(p, d);
            let left = sizes[i--]!;
            for (let k = 0; left > 0; k++) {
              const n = Math.min(left, act.rng.int(150, 400));
              act.sinks.canonicalEvent(
                s,
                act.at(p, d, 16 + k * 0.4),
                'Support Console',
                'customer.export',
                {
                  resource: `report:customers-${act.rng.pick(['vip', 'high-balance', 'otc', 'institutional'])}`,
                  records: n,
                },
              );
              left -= n;
            }
          }
        },
      };
    },
  },
  {
    tactic: 'slow_harvest',
    kind: 'insider',
    summary:
      'BPO agent adds 12–20 unticketed customer lookups a day for two weeks on top of normal work',
    plant({ act, take, days }) {
      const p = take('bpo_agent');
      return {
        entries: [
          entry(
            p,
            'slow_harvest',
            'insider',
            '12–20 extra unticketed lookups per working day, last 14 days',
          ),
        ],
        events: () => {
          for (let d = days - 14; d < days; d++) {
            if (act.cal.weekday(d) === p.index % 7) continue;
            const s = act.session(p, d);
            const t = act.at(p, d, p.behaviour.shiftStart + 0.3);
            act.supportLookups(s, t, t + 7 * HOUR, act.rng.int(12, 20), 0);
          }
        },
      };
    },
  },
  {
    tactic: 'identity_reuse',
    kind: 'insider',
    summary:
      'A BPO agent and a KYC reviewer at different vendors share one crypto wallet in their HR records',
    plant({ act, take }) {
      const a = take('bpo_agent');
      const b = take('kyc_reviewer');
      const wallet = `wallet:0x${act.rng.hex(40)}`;
      a.externalIds.push(wallet);
      b.externalIds.push(wallet);
      return {
        entries: [
          entry(a, 'identity_reuse', 'insider', `shares ${wallet} with ${b.email}`),
          entry(b, 'identity_reuse', 'insider', `shares ${wallet} with ${a.email}`),
        ],
      };
    },
  },
];
