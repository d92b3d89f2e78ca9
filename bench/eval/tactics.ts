// Planted insider tactics on accounts, identities and access, one (or two) people each, at
// plausible magnitudes: nothing is sized so that a detector cannot miss it
// (docs/DETECTION-QUALITY.md §Honesty).
import { isoDate } from './model';
import { AWS_CLI_AGENT, BROWSERS, ipIn, PLACES } from './places';
import { entry, type Scenario } from './plant';
import { phoneFor } from './population';

const HOUR = 3_600_000;

export const ACCOUNT_TACTICS: Scenario[] = [
  {
    tactic: 'access_after_termination',
    kind: 'insider',
    summary:
      'BPO agent whose contract ended 9 days ago signs in and looks up customers three times since',
    plant({ act, take, days }) {
      const p = take('bpo_agent');
      const end = days - 10;
      p.endDate = isoDate(act.cal.dayStart(end));
      p.behaviour.activeUntil = end + 1;
      return {
        entries: [
          entry(
            p,
            'access_after_termination',
            'insider',
            `end date ${p.endDate}; sign-ins and lookups on 3 later days`,
          ),
        ],
        events: () => {
          for (const d of [days - 6, days - 4, days - 2]) {
            const s = act.session(p, d);
            const t = act.at(p, d, p.behaviour.shiftStart + 1);
            act.signIn(s, t);
            act.supportLookups(s, t + 60_000, t + 3 * HOUR, act.rng.int(15, 30), 0.2);
          }
        },
      };
    },
  },
  {
    tactic: 'iam_admin_outside_workflow',
    kind: 'insider',
    summary:
      'Contract developer creates an IAM user and attaches AdministratorAccess to it (no admin grant)',
    plant({ act, take, days }) {
      const p = take('contract_dev');
      return {
        entries: [
          entry(
            p,
            'iam_admin_outside_workflow',
            'insider',
            'CloudTrail CreateUser, AttachUserPolicy AdministratorAccess, CreateAccessKey',
          ),
        ],
        events: () => {
          const d = days - 3;
          const s = act.session(p, d, { userAgent: AWS_CLI_AGENT });
          const t = act.at(p, d, 15.2);
          const role = 'AWSReservedSSO_Developer_5b1e';
          const user = 'svc-backup-sync';
          act.sinks.cloudtrailEvent(
            s,
            t,
            role,
            'iam.amazonaws.com',
            'CreateUser',
            { userName: user },
            { readOnly: false },
          );
          act.sinks.cloudtrailEvent(
            s,
            t + 40_000,
            role,
            'iam.amazonaws.com',
            'AttachUserPolicy',
            { userName: user, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
            { readOnly: false },
          );
          act.sinks.cloudtrailEvent(
            s,
            t + 95_000,
            role,
            'iam.amazonaws.com',
            'CreateAccessKey',
            { userName: user },
            { readOnly: false },
          );
        },
      };
    },
  },
  {
    tactic: 'impossible_travel',
    kind: 'insider',
    summary:
      'Engineer signs in from home, and 50 minutes later a session from Lagos reads production secrets',
    plant({ act, take, days }) {
      const p = take('engineer', (x) => x.home === PLACES.london && x.behaviour.vpnShare === 0);
      return {
        entries: [
          entry(
            p,
            'impossible_travel',
            'insider',
            'London then Lagos 50 min later (new device), GetSecretValue from Lagos',
          ),
        ],
        events: () => {
          const d = days - 2;
          const t = act.at(p, d, 9.2);
          act.signIn(act.session(p, d, { ip: p.homeIp, place: p.home, proxy: false }), t);
          const away = act.session(p, d, {
            place: PLACES.lagos,
            ip: ipIn(PLACES.lagos, 777),
            proxy: false,
            device: act.rng.hex(32),
            userAgent: BROWSERS[3],
          });
          act.signIn(away, t + 50 * 60_000);
          for (let i = 0; i < 4; i++)
            act.sinks.cloudtrailEvent(
              away,
              t + (55 + i * 3) * 60_000,
              'AWSReservedSSO_Developer_5b1e',
              'secretsmanager.amazonaws.com',
              'GetSecretValue',
              {
                secretId: `prod/${['db-master', 'hot-wallet-signer', 'kyc-api', 'exchange-api'][i]}`,
              },
              { userAgent: AWS_CLI_AGENT },
            );
        },
      };
    },
  },
  {
    tactic: 'mfa_reset_then_access',
    kind: 'insider',
    summary:
      'Compliance analyst: all MFA factors reset, then a new device signs in and reads KYC documents without cases',
    plant({ act, take, days }) {
      const p = take('compliance', (x) => x.home === PLACES.london);
      return {
        entries: [
          entry(
            p,
            'mfa_reset_then_access',
            'insider',
            'user.mfa.factor.reset_all, sign-in from a new device, 24 KYC documents without a case',
          ),
        ],
        events: () => {
          const d = days - 2;
          const s = act.session(p, d, {
            place: PLACES.manchester,
            ip: ipIn(PLACES.manchester, 31_337),
            proxy: false,
            device: act.rng.hex(32),
          });
          const t = act.at(p, d, 13.5);
          act.sinks.oktaEvent(s, t, 'user.mfa.factor.reset_all', {
            target: [{ type: 'User', alternateId: p.email, displayName: p.fullName }],
            message: 'Reset all factors for user',
          });
          act.sinks.oktaEvent(s, t + 6 * 60_000, 'user.mfa.factor.activate', {
            message: 'Activate factor or authenticator',
          });
          act.signIn(s, t + 8 * 60_000, ['KYC Vault']);
          act.kycCases(s, t + 10 * 60_000, t + 70 * 60_000, 24, 0);
        },
      };
    },
  },
  {
    tactic: 'mfa_reset_then_privilege',
    kind: 'insider',
    summary:
      'Engineer: MFA reset, sign-in from a new device, then an Okta administrator role granted',
    plant({ act, take, days }) {
      const p = take('engineer');
      return {
        entries: [
          entry(
            p,
            'mfa_reset_then_privilege',
            'insider',
            'user.mfa.factor.reset_all, new-device sign-in, user.account.privilege.grant',
          ),
        ],
        events: () => {
          const d = days - 4;
          const s = act.session(p, d, { device: act.rng.hex(32) });
          const t = act.at(p, d, 11);
          act.sinks.oktaEvent(s, t, 'user.mfa.factor.reset_all', {
            target: [{ type: 'User', alternateId: p.email, displayName: p.fullName }],
            message: 'Reset all factors for user',
          });
          act.signIn(s, t + 5 * 60_000, []);
          act.sinks.oktaEvent(s, t + 12 * 60_000, 'user.account.privilege.grant', {
            target: [
              { type: 'User', alternateId: p.email, displayName: p.fullName },
              { type: 'ROLE', alternateId: 'SUPER_ADMIN', displayName: 'Super Administrator' },
            ],
            message: 'Grant user privilege',
          });
        },
      };
    },
  },
  {
    tactic: 'watchlist_github',
    kind: 'insider',
    summary:
      'Contract developer whose GitHub handle is on an IT-worker fraud watchlist (behaviour ordinary)',
    plant({ take, watchlist }) {
      const p = take('contract_dev');
      const handle = p.externalIds.find((x) => x.startsWith('github:'))!.slice(7);
      watchlist.push({
        name: 'Kim Song Il',
        aliases: ['Jin Park', 'James Parker'],
        emails: [],
        phones: [],
        github: [handle],
        telegram: [],
        wallets: [],
        source: 'IT-worker advisory',
        notes: 'Remote IT worker scheme',
      });
      return {
        entries: [entry(p, 'watchlist_github', 'insider', `github:${handle} on the watchlist`)],
      };
    },
  },
  {
    tactic: 'access_without_grant_restricted',
    kind: 'insider',
    summary:
      'Operations analyst with no grant opens the Treasury Console and views wallets and payees on 4 days',
    plant({ act, take, days }) {
      const p = take('ops', (x) => x.behaviour.lookups === 0);
      return {
        entries: [
          entry(
            p,
            'access_without_grant_restricted',
            'insider',
            'Treasury Console without any grant, 4 days',
          ),
        ],
        events: () => {
          for (const d of [days - 5, days - 4, days - 2, days - 1]) {
            if (act.cal.weekday(d) % 6 === 0) continue;
            const s = act.session(p, d);
            const t = act.at(p, d, 16 + act.rng.float());
            act.signIn(s, t, ['Treasury Console']);
            for (let i = 0; i < act.rng.int(5, 12); i++)
              act.sinks.canonicalEvent(
                s,
                t + (i + 1) * 90_000,
                'Treasury Console',
                i % 3 ? 'wallet.balance.view' : 'payee.view',
                {
                  resource:
                    i % 3 ? `hot-wallet-${act.rng.int(1, 6)}` : `payee-${act.rng.int(1000, 9999)}`,
                },
              );
          }
        },
      };
    },
  },
  {
    tactic: 'laptop_farm',
    kind: 'insider',
    summary:
      'Two contractors (declared Poland and US, one on the watchlist by phone) work from one device',
    plant({ act, take, watchlist }) {
      const a = take('contract_dev');
      const b = take('contract_dev');
      b.home = PLACES.newYork;
      b.actualPlace = a.home;
      b.homeIp = a.homeIp;
      b.device = a.device;
      b.userAgent = a.userAgent;
      b.behaviour.trips = [];
      b.behaviour.shiftStart = 9;
      b.phone = phoneFor('US', 7000 + b.index);
      watchlist.push({
        name: 'Chol Min',
        aliases: ['Mike Chen'],
        emails: [],
        phones: [b.phone],
        github: [],
        telegram: [`chol_dev${act.rng.int(10, 99)}`],
        wallets: [],
        source: 'IT-worker advisory',
        notes: 'Laptop-farm facilitator contact',
      });
      return {
        entries: [
          entry(a, 'laptop_farm', 'insider', `device shared with ${b.email} (declared US)`),
          entry(
            b,
            'laptop_farm',
            'insider',
            `declared US, works from ${a.email}'s device in Poland; phone on the watchlist`,
          ),
        ],
      };
    },
  },
];
