import type { PersonRiskInput } from './person-input';
import { scorePerson } from './person-score';
import type { RiskWeights } from './weights';

export interface RankedPerson {
  personId: string;
  /** The higher of the person's bribery and compromise scores. */
  risk: number;
  /** 1-based. */
  rank: number;
}

export interface RankMove {
  personId: string;
  from: number;
  to: number;
  riskBefore: number;
  riskAfter: number;
}

export interface WeightChangePreview {
  before: RankedPerson[];
  after: RankedPerson[];
  entered: RankedPerson[];
  left: RankedPerson[];
  movedUp: RankMove[];
  movedDown: RankMove[];
}

/** Everyone ranked riskiest first; ties by person id so the order is stable. */
export function rankPeople(
  people: readonly { personId: string; input: PersonRiskInput }[],
  w: RiskWeights,
  now: Date,
): RankedPerson[] {
  return people
    .map(({ personId, input }) => {
      const s = scorePerson(input, w, now);
      return { personId, risk: Math.max(s.bribery, s.compromise) };
    })
    .sort((a, b) => b.risk - a.risk || (a.personId < b.personId ? -1 : 1))
    .map((p, i) => ({ ...p, rank: i + 1 }));
}

/** How the top n moves if the tenant switches weights: the settings page's preview. */
export function previewWeightChange(
  people: readonly { personId: string; input: PersonRiskInput }[],
  oldWeights: RiskWeights,
  newWeights: RiskWeights,
  n: number,
  now: Date,
): WeightChangePreview {
  const before = rankPeople(people, oldWeights, now).slice(0, n);
  const after = rankPeople(people, newWeights, now).slice(0, n);
  const was = new Map(before.map((p) => [p.personId, p]));
  const is = new Map(after.map((p) => [p.personId, p]));
  const moves = after.flatMap((p) => {
    const b = was.get(p.personId);
    return b && b.rank !== p.rank
      ? [{ personId: p.personId, from: b.rank, to: p.rank, riskBefore: b.risk, riskAfter: p.risk }]
      : [];
  });
  return {
    before,
    after,
    entered: after.filter((p) => !was.has(p.personId)),
    left: before.filter((p) => !is.has(p.personId)),
    movedUp: moves.filter((m) => m.to < m.from),
    movedDown: moves.filter((m) => m.to > m.from),
  };
}
