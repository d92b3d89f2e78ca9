import { emptyBaseline, type PersonBaseline } from './baseline';
import { isCodePull, repoOf } from './github-actions';
import { localTime } from './local-time';
import { EPISODE_MIN_RECORDS, isExportAction, type RoutineEpisode } from './routine';
import type { DetectorEvent, PersonContext } from './types';

/**
 * Baselines kept up to date as the window slides a day at a time (docs/DETECTORS.md
 * §Principles), instead of each day's being rebuilt from 30 days of history.
 */
interface WindowState {
  person: Pick<PersonContext, 'id' | 'timezone'>;
  eventCount: number;
  hourHistogram: number[];
  utcHourHistogram: number[];
  /**
   * Local day → [events, records, local hours with events as bits, proxy events]: a day stays
   * active while it holds an event, even of 0 records.
   */
  days: Map<string, [number, number, number, number]>;
  countries: Map<string, number>;
  devices: Map<string, number>;
  /** Local day → repository → code pulls (clones, fetches, archive downloads). */
  codeRepos: Map<string, Map<string, number>>;
  sensitiveEvents: number;
  sensitiveWithoutTicket: number;
  proxyEvents: number;
  /** Time of the latest event added (events arrive in time order). */
  lastT: number;
  lastLocated: DetectorEvent | null;
  /** Routine episodes in time order, each with its start time so it leaves the window. */
  exports: TimedEpisode[];
  busyHours: TimedEpisode[];
  /** The local hour whose sensitive records are being summed (events arrive in time order). */
  openHour: (TimedEpisode & { key: number }) | null;
}

type TimedEpisode = RoutineEpisode & { t: number };
const plainEpisode = ({ day, hour, volume }: RoutineEpisode): RoutineEpisode => ({
  day,
  hour,
  volume,
});

const bump = (m: Map<string, number>, k: string, by: number) => {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
};

const SENSITIVE = 1;
const NO_TICKET = 2;
const PROXY = 4;

/**
 * What removing an event from the window needs, kept as columns rather than the event itself: a
 * backfill keeps a month of events in the window, and a million retained event objects made the
 * garbage collector most of detection's time (docs/BENCHMARKS.md).
 */
class WindowColumns {
  size = 0;
  head = 0;
  t = new Float64Array(1024);
  records = new Float64Array(1024);
  hour = new Uint8Array(1024);
  utcHour = new Uint8Array(1024);
  flags = new Uint8Array(1024);
  state: WindowState[] = [];
  day: string[] = [];
  country: (string | null)[] = [];
  device: (string | null)[] = [];
  /** The repository of a code pull; null for every other event. */
  repo: (string | null)[] = [];

  push(s: WindowState, e: DetectorEvent, lt: { hour: number; day: string }): void {
    if (this.size === this.t.length) this.grow();
    const i = this.size++;
    this.t[i] = e.occurredAt.getTime();
    this.records[i] = e.recordCount;
    this.hour[i] = lt.hour;
    this.utcHour[i] = e.occurredAt.getUTCHours();
    this.flags[i] =
      (e.sensitive ? SENSITIVE : 0) | (e.ticketId ? 0 : NO_TICKET) | (e.isProxy ? PROXY : 0);
    this.state[i] = s;
    this.day[i] = lt.day;
    this.country[i] = e.country;
    this.device[i] = e.deviceId;
    this.repo[i] = isCodePull(e) ? repoOf(e) : null;
  }

  /** Drops removed rows from the front once they are most of the buffer. */
  compact(): void {
    if (this.head < 4096 || this.head * 2 < this.size) return;
    const n = this.size - this.head;
    for (const a of [this.t, this.records]) a.copyWithin(0, this.head, this.size);
    for (const a of [this.hour, this.utcHour, this.flags]) a.copyWithin(0, this.head, this.size);
    this.state.splice(0, this.head);
    this.day.splice(0, this.head);
    this.country.splice(0, this.head);
    this.device.splice(0, this.head);
    this.repo.splice(0, this.head);
    this.size = n;
    this.head = 0;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.t = f64(this.t);
    this.records = f64(this.records);
    this.hour = u8(this.hour);
    this.utcHour = u8(this.utcHour);
    this.flags = u8(this.flags);
  }
}

/**
 * The baselines buildBaselines gives, kept up to date as a trailing window slides forward over
 * time-ordered history: each event is added once and removed once, instead of every window being
 * rebuilt from all of its events (a 60-day backfill rebuilt 30 days of history 60 times).
 * `add` must be called in occurred_at order and `removeBefore` with a non-decreasing time.
 */
export class SlidingBaselines {
  private readonly state = new Map<string, WindowState>();
  private readonly window = new WindowColumns();

  constructor(people: readonly PersonContext[]) {
    for (const p of people)
      this.state.set(p.id, {
        person: p,
        eventCount: 0,
        hourHistogram: Array<number>(24).fill(0),
        utcHourHistogram: Array<number>(24).fill(0),
        days: new Map(),
        countries: new Map(),
        devices: new Map(),
        codeRepos: new Map(),
        sensitiveEvents: 0,
        sensitiveWithoutTicket: 0,
        proxyEvents: 0,
        lastT: -Infinity,
        lastLocated: null,
        exports: [],
        busyHours: [],
        openHour: null,
      });
  }

  add(e: DetectorEvent): void {
    const s = this.state.get(e.personId);
    if (!s) return;
    const lt = localTime(e.occurredAt, s.person.timezone);
    this.window.push(s, e, lt);
    const w = this.window;
    this.apply(s, w.size - 1, 1);
    const t = e.occurredAt.getTime();
    if (t > s.lastT) s.lastT = t;
    if (e.outcome === 'success') {
      if (e.recordCount >= EPISODE_MIN_RECORDS && isExportAction(e.action))
        s.exports.push({ t, day: lt.day, hour: lt.hour, volume: e.recordCount });
      if (e.sensitive) {
        const key = Math.floor((t + lt.offsetMinutes * 60_000) / 3_600_000);
        const open = s.openHour;
        if (open && open.key === key) open.volume += Math.max(1, e.recordCount);
        else {
          if (open && open.volume >= EPISODE_MIN_RECORDS) s.busyHours.push(open);
          s.openHour = { key, t, day: lt.day, hour: lt.hour, volume: Math.max(1, e.recordCount) };
        }
      }
    }
    const located = e.lat !== null && e.lon !== null && !e.isProxy && e.outcome === 'success';
    const cur = s.lastLocated;
    if (
      located &&
      (!cur || t > cur.occurredAt.getTime() || (t === cur.occurredAt.getTime() && e.id > cur.id))
    )
      s.lastLocated = e;
  }

  /** Drops the events before `time` (the window's new start). */
  removeBefore(time: number): void {
    const w = this.window;
    while (w.head < w.size && w.t[w.head]! < time) {
      const i = w.head++;
      this.apply(w.state[i]!, i, -1);
    }
    for (const s of this.state.values()) {
      // The latest located event leaving means every located event has left.
      if (s.lastLocated && s.lastLocated.occurredAt.getTime() < time) s.lastLocated = null;
      while (s.exports.length > 0 && s.exports[0]!.t < time) s.exports.shift();
      while (s.busyHours.length > 0 && s.busyHours[0]!.t < time) s.busyHours.shift();
      if (s.openHour && s.openHour.t < time) s.openHour = null;
    }
    w.compact();
  }

  /** The latest event time ever added for a person (also after it left the window). */
  lastAddedAt(personId: string): Date | null {
    const t = this.state.get(personId)?.lastT ?? -Infinity;
    return Number.isFinite(t) ? new Date(t) : null;
  }

  private apply(s: WindowState, i: number, by: 1 | -1): void {
    const w = this.window;
    const records = w.records[i]!;
    const flags = w.flags[i]!;
    const dayKey = w.day[i]!;
    s.eventCount += by;
    s.hourHistogram[w.hour[i]!]! += by;
    s.utcHourHistogram[w.utcHour[i]!]! += by;
    const hour = w.hour[i]!;
    const day = s.days.get(dayKey);
    if (day) {
      day[0] += by;
      day[1] += by * records;
      // Events leave in time order at a UTC-midnight cutoff, so every hour up to a leaving one
      // has left (exact for whole-hour zones; a half-hour zone may lose one edge hour early).
      day[2] = by > 0 ? day[2] | (1 << hour) : day[2] & ~((2 << hour) - 1);
      if (flags & PROXY) day[3] += by;
      if (day[0] === 0) s.days.delete(dayKey);
    } else s.days.set(dayKey, [1, records, 1 << hour, flags & PROXY ? 1 : 0]);
    const country = w.country[i];
    if (country && !(flags & PROXY)) bump(s.countries, country, by);
    const device = w.device[i];
    if (device) bump(s.devices, device, by);
    const repo = w.repo[i];
    if (repo !== null && repo !== undefined) {
      let repos = s.codeRepos.get(dayKey);
      if (!repos) s.codeRepos.set(dayKey, (repos = new Map()));
      bump(repos, repo, by);
      if (repos.size === 0) s.codeRepos.delete(dayKey);
    }
    if (flags & SENSITIVE) {
      s.sensitiveEvents += by;
      if (flags & NO_TICKET) s.sensitiveWithoutTicket += by;
    }
    if (flags & PROXY) s.proxyEvents += by;
  }

  /**
   * Every person's baseline for the window ending (exclusively) at `windowEnd`. People outside
   * `full` (when given: those with no new events to judge) get only what the cross-person parts
   * read, peer groups and shared devices (`eventCount`, `dailyRecords`, sensitive counts,
   * `devices`): a backfill snapshots every person every day, and the rest was most of the cost.
   */
  snapshot(
    windowEnd: Date,
    windowDays = 30,
    full?: ReadonlySet<string>,
  ): Map<string, PersonBaseline> {
    const out = new Map<string, PersonBaseline>();
    for (const [id, s] of this.state) {
      const b = emptyBaseline(id, windowEnd, windowDays);
      if (s.eventCount > 0 && full && !full.has(id)) {
        b.eventCount = s.eventCount;
        const daily = b.dailyRecords;
        s.days.forEach((v, day) => (daily[day] = v[1]));
        b.activeDays = s.days.size;
        b.devices = [...s.devices.keys()];
        b.sensitiveEvents = s.sensitiveEvents;
        b.sensitiveWithoutTicket = s.sensitiveWithoutTicket;
      } else if (s.eventCount > 0) {
        b.eventCount = s.eventCount;
        b.hourHistogram = s.hourHistogram.slice();
        b.utcHourHistogram = s.utcHourHistogram.slice();
        // Map iteration keeps insertion order: local days in time order, as buildPersonBaseline.
        // Indexed rather than destructured: this runs for every person every judged day.
        const daily = b.dailyRecords;
        const hours = b.dailyHours;
        let proxyDays = 0;
        s.days.forEach((v, day) => {
          daily[day] = v[1];
          hours[day] = v[2];
          if (v[3] > 0) proxyDays++;
        });
        b.proxyDays = proxyDays;
        for (const day of [...s.codeRepos.keys()].sort())
          b.dailyCodeRepos[day] = [...s.codeRepos.get(day)!.keys()].sort();
        b.exports = s.exports.map(plainEpisode);
        b.busyHours = s.busyHours.map(plainEpisode);
        if (s.openHour && s.openHour.volume >= EPISODE_MIN_RECORDS)
          b.busyHours.push(plainEpisode(s.openHour));
        b.activeDays = s.days.size;
        b.countries = [...s.countries.keys()].sort();
        b.devices = [...s.devices.keys()].sort();
        b.sensitiveEvents = s.sensitiveEvents;
        b.sensitiveWithoutTicket = s.sensitiveWithoutTicket;
        b.proxyEvents = s.proxyEvents;
        b.lastSeenAt = new Date(s.lastT);
        b.lastLocated = s.lastLocated;
      }
      out.set(id, b);
    }
    return out;
  }
}
