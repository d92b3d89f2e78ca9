import { parseMatchedOn } from './labels';

/** What the matcher hit: each identifier or name, labelled by kind. */
export function MatchedOnList({ matchedOn }: { matchedOn: string[] }) {
  return (
    <ul className="plain-list small" data-testid="matched-on">
      {matchedOn.map((raw) => {
        const m = parseMatchedOn(raw);
        return (
          <li key={raw}>
            <span className="muted">{m.label}:</span>{' '}
            <span className={m.kind === 'name' ? undefined : 'mono'}>{m.value}</span>
          </li>
        );
      })}
    </ul>
  );
}
