// What tactics and look-alikes work with: the people (to pick and change), the tenant's grants and
// watchlist, and the activity writer for the extra events they add after the ordinary logs.
import type { Activity } from './activity';
import type { GrantSpec, LabelKind, ManifestEntry, PersonSpec, Role, WatchlistSpec } from './model';
import type { Rng } from './rng';

export interface PlantContext {
  act: Activity;
  rng: Rng;
  people: PersonSpec[];
  grants: GrantSpec[];
  watchlist: WatchlistSpec[];
  /** Days of logs; the last day (yesterday) is `days - 1`. */
  days: number;
  /** An ordinary person of that role not yet used by another tactic or look-alike. */
  take(role: Role, filter?: (p: PersonSpec) => boolean): PersonSpec;
}

/** A planted scenario: changes facts now, adds its own events once ordinary logs exist. */
export interface Planted {
  entries: ManifestEntry[];
  events?: () => void;
}

export interface Scenario {
  tactic: string;
  kind: LabelKind;
  /** One line for docs/DETECTION-QUALITY.md. */
  summary: string;
  plant(ctx: PlantContext): Planted;
}

export const entry = (
  p: PersonSpec,
  tactic: string,
  kind: LabelKind,
  note: string,
): ManifestEntry => ({ email: p.email, tactic, kind, note });

export function makeTaker(rng: Rng, people: PersonSpec[]): PlantContext['take'] {
  const used = new Set<number>();
  return (role, filter = () => true) => {
    const free = people.filter(
      (p) => p.role === role && !used.has(p.index) && !p.title.endsWith('Lead'),
    );
    // A small tenant may have nobody matching the preference; any free person of the role will do.
    const preferred = free.filter(filter);
    const pool = preferred.length ? preferred : free;
    if (pool.length === 0) throw new Error(`no ${role} left to plant a scenario on`);
    const p = rng.pick(pool);
    used.add(p.index);
    return p;
  };
}
