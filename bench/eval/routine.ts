// Ordinary working days for everyone: the benign baseline, with its realistic noise (volumes that
// vary by day, late evenings, trips, VPN days, shift rotas, on-call nights, weekly reports).
import { SSO_APPS, type Activity } from './activity';
import { OKTA_EXTRA_DAYS, type PersonSpec } from './model';

const HOUR = 3_600_000;

function works(p: PersonSpec, weekday: number): boolean {
  if (p.behaviour.rota === 'six') return weekday !== p.index % 7;
  return weekday >= 1 && weekday <= 5;
}

/** One person's ordinary day; the Okta export reaches further back than the other logs. */
export function ordinaryDay(act: Activity, p: PersonSpec, day: number): void {
  const b = p.behaviour;
  if (day < b.activeFrom || day >= b.activeUntil) return;
  const weekday = act.cal.weekday(day);
  const onCallWeek = b.onCallSlot !== null && Math.floor(day / 7) % 3 === b.onCallSlot;
  if (onCallWeek && act.rng.chance(0.45)) nightPage(act, p, day);
  if (!works(p, weekday)) {
    // Now and then someone checks in at the weekend.
    if (p.behaviour.rota === 'weekdays' && act.rng.chance(0.03)) {
      const s = act.session(p, day);
      act.signIn(s, act.at(p, day, 10 + act.rng.float() * 8), []);
    }
    return;
  }
  const s = act.session(p, day);
  const start = act.at(p, day, b.shiftStart + act.rng.normal() * 0.25);
  const end = start + b.shiftHours * HOUR;
  act.signIn(s, start);
  if (act.rng.chance(0.15)) act.signIn(s, start + 4.5 * HOUR + act.rng.int(0, 3600) * 1000, []);
  if (act.rng.chance(0.25))
    act.sinks.oktaEvent(s, end + act.rng.int(0, 600) * 1000, 'user.session.end', {
      message: 'User logout from Okta',
    });
  if (day < 0) return;
  work(act, s, p, day, start + 10 * 60_000, end, act.rng.dayFactor(b.spread));
  if (act.rng.chance(b.lateShare)) {
    const late = act.at(p, day, 20.5 + act.rng.float() * 2.5);
    const s2 = act.session(p, day, { ip: s.ip, place: s.place, proxy: s.proxy });
    act.signIn(s2, late, SSO_APPS[p.role]!.slice(0, 1));
    work(act, s2, p, day, late + 60_000, late + HOUR, 0.12);
  }
  if (b.weeklyExport > 0 && weekday === 1) {
    const t = act.at(p, day, 7 + act.rng.float() * 0.2);
    act.sinks.canonicalEvent(s, t, 'Support Console', 'customer.export', {
      resource: 'report:weekly-vip-customers',
      records: Math.round(b.weeklyExport * (0.9 + act.rng.float() * 0.2)),
    });
  }
}

/** The role's work between two instants, scaled by the day's factor. */
export function work(
  act: Activity,
  s: ReturnType<Activity['session']>,
  p: PersonSpec,
  _day: number,
  from: number,
  to: number,
  factor: number,
): void {
  const b = p.behaviour;
  const n = (x: number) => Math.max(0, Math.round(x * factor));
  if (b.lookups > 0) {
    if (p.role === 'kyc_reviewer') act.kycCases(s, from, to, n(b.lookups), b.ticketRate);
    else act.supportLookups(s, from, to, n(b.lookups), b.ticketRate);
  }
  if (p.role === 'compliance' && act.rng.chance(0.5)) act.kycCases(s, from, to, n(4), 0.95);
  if (b.awsCalls > 0) act.awsCalls(s, from, to, n(b.awsCalls));
  if (b.treasury) act.treasuryWork(s, from, to, n(act.rng.int(4, 14)));
}

/** An on-call night: paged, signs in from home, looks at production for an hour or so. */
function nightPage(act: Activity, p: PersonSpec, day: number): void {
  const s = act.session(p, day, { ip: p.homeIp, place: p.home, proxy: false });
  const t = act.at(p, day, 1 + act.rng.float() * 3);
  act.signIn(s, t);
  if (day >= 0)
    act.awsCalls(s, t + 120_000, t + (0.5 + act.rng.float()) * HOUR, act.rng.int(10, 25));
}

export function ordinaryLogs(act: Activity, people: readonly PersonSpec[], days: number): void {
  for (const p of people) for (let d = -OKTA_EXTRA_DAYS; d < days; d++) ordinaryDay(act, p, d);
}
