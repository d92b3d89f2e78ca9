import { identifierKindLabel, identifiersByKind } from './labels';

/** A watchlist entry's identifiers, one line per kind. */
export function IdentifierGroups({ identifiers }: { identifiers: unknown }) {
  const groups = identifiersByKind(identifiers);
  if (groups.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain-list small">
      {groups.map((g) => (
        <li key={g.kind}>
          <span className="muted">{identifierKindLabel(g.kind)}:</span>{' '}
          <span className="mono break-all">{g.values.join(', ')}</span>
        </li>
      ))}
    </ul>
  );
}
