// Deterministic synthetic tenants for the scale test and bench/detectors.ts: plausible office
// workers with a sprinkle of anomalies, so every detector has work to do.
import type { DetectorEvent, PersonContext } from './types';

/** mulberry32: a tiny seeded PRNG, so runs are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  { tz: 'Europe/London', country: 'GB', city: 'London', lat: 51.51, lon: -0.13, utc: 9 },
  { tz: 'America/New_York', country: 'US', city: 'New York', lat: 40.71, lon: -74.0, utc: 14 },
  { tz: 'Asia/Manila', country: 'PH', city: 'Manila', lat: 14.6, lon: 120.98, utc: 1 },
  { tz: 'Europe/Berlin', country: 'DE', city: 'Berlin', lat: 52.52, lon: 13.4, utc: 8 },
  { tz: 'Asia/Kolkata', country: 'IN', city: 'Bengaluru', lat: 12.97, lon: 77.59, utc: 4 },
];
const SYSTEMS = ['support-console', 'kyc-vault', 'okta', 'aws'];
const ACTIONS = [
  'customer.view',
  'customer.view',
  'customer.view',
  'document.download',
  'login',
  'customer.export',
];

export interface SyntheticTenant {
  people: PersonContext[];
  history: DetectorEvent[];
  newEvents: DetectorEvent[];
  /** Start of the new events: the baselines' window end. */
  cutover: Date;
}

export function syntheticTenant(opts: {
  people: number;
  newEvents: number;
  historyEvents: number;
  seed?: number;
}): SyntheticTenant {
  const rnd = prng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const cutover = new Date('2026-09-17T00:00:00Z');
  const people: PersonContext[] = [];
  for (let i = 0; i < opts.people; i++) {
    const place = PLACES[i % PLACES.length]!;
    people.push({
      id: `person-${String(i).padStart(5, '0')}`,
      timezone: place.tz,
      declaredCountry: place.country,
      workMode: 'remote',
      endDate: i % 97 === 0 ? '2026-09-10' : null,
      vendorOffboardedAt: null,
      peerGroupKey: `group-${i % Math.max(1, Math.floor(opts.people / 8))}`,
      grants: SYSTEMS.slice(0, 3 + (i % 2)).map((system) => ({
        system,
        privilege: 'user',
        from: new Date('2026-01-01'),
        to: null,
      })),
    });
  }
  let seq = 0;
  const make = (from: number, span: number): DetectorEvent => {
    const idx = Math.floor(rnd() * people.length);
    const p = people[idx]!;
    const place = PLACES[idx % PLACES.length]!;
    const day = Math.floor((from + rnd() * span) / 86_400_000) * 86_400_000;
    const odd = rnd();
    const at = new Date(
      day + ((place.utc + rnd() * 9) % 24) * 3_600_000 + Math.floor(rnd() * 3_600_000),
    );
    const action = pick(ACTIONS);
    const sensitive = action !== 'login';
    return {
      id: `ev-${String(seq++).padStart(8, '0')}`,
      personId: p.id,
      occurredAt: odd < 0.002 ? new Date(at.getTime() + 12 * 3_600_000) : at,
      system: odd > 0.999 ? 'payroll' : pick(SYSTEMS),
      action,
      resource: sensitive ? `rec-${Math.floor(rnd() * 50_000)}` : null,
      recordCount: action === 'customer.export' ? Math.floor(rnd() * (odd < 0.01 ? 5000 : 50)) : 1,
      ticketId: rnd() < 0.9 ? `T-${Math.floor(rnd() * 1e6)}` : null,
      ip: odd < 0.003 ? '49.145.1.7' : `10.${idx % 250}.${Math.floor(rnd() * 4)}.1`,
      country: odd > 0.997 ? 'KP' : place.country,
      city: place.city,
      lat: odd > 0.997 ? 39.03 : place.lat,
      lon: odd > 0.997 ? 125.75 : place.lon,
      deviceId: `dev-${odd < 0.001 ? 'shared' : idx}`,
      userAgent: odd > 0.9995 ? 'AnyDesk/8.0' : 'Mozilla/5.0',
      outcome: rnd() < 0.98 ? 'success' : 'failure',
      isProxy: odd > 0.996 && odd <= 0.997,
      sensitive,
    };
  };
  const historyStart = cutover.getTime() - 30 * 86_400_000;
  const history = Array.from({ length: opts.historyEvents }, () =>
    make(historyStart, 30 * 86_400_000),
  );
  const newEvents = Array.from({ length: opts.newEvents }, () =>
    make(cutover.getTime(), 86_400_000),
  );
  return { people, history, newEvents, cutover };
}
