import { RemoveToxicPairButton } from './remove-toxic-pair-button';

interface PairSide {
  name: string;
  system: string;
}

export interface ToxicPairRow {
  id: string;
  reason: string;
  a: PairSide;
  b: PairSide;
}

/** Toxic pairs, one per row; on a system's page (`firstSystem`) its own privilege comes first. */
export function ToxicPairsTable({
  pairs,
  canEdit,
  firstSystem,
}: {
  pairs: ToxicPairRow[];
  canEdit: boolean;
  firstSystem?: string;
}) {
  return (
    <div className="table-wrap">
      <table data-testid="toxic-pairs">
        <thead>
          <tr>
            <th>Privilege</th>
            <th aria-hidden="true" />
            <th>Combined with</th>
            <th>Reason</th>
            {canEdit && (
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair) => {
            const [first, second] =
              firstSystem !== undefined &&
              pair.b.system === firstSystem &&
              pair.a.system !== firstSystem
                ? [pair.b, pair.a]
                : [pair.a, pair.b];
            return (
              <tr key={pair.id} data-testid="toxic-pair">
                <td>
                  <span className="muted small">{first.system} / </span>
                  <code>{first.name}</code>
                </td>
                <td className="muted" aria-label="combined with" title="toxic together">
                  ⟂
                </td>
                <td>
                  <span className="muted small">{second.system} / </span>
                  <code>{second.name}</code>
                </td>
                <td className="small">{pair.reason}</td>
                {canEdit && (
                  <td className="text-right">
                    <RemoveToxicPairButton
                      pairId={pair.id}
                      label={`${first.system} / ${first.name} and ${second.system} / ${second.name}`}
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
