/**
 * What a streamed panel shows until its read arrives: its card and heading, so the page keeps its
 * layout, and a few skeleton lines (the skeleton class the route's loading screen uses).
 */
export function PanelFallback({
  title,
  lines = 3,
  marginTop = 16,
}: {
  title?: string;
  lines?: number;
  marginTop?: number;
}) {
  return (
    <div className="card stack" style={{ marginTop }} aria-busy="true">
      {title && <h2 style={{ marginBottom: 12 }}>{title}</h2>}
      <span className="visually-hidden">Loading…</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${100 - i * 15}%` }} />
      ))}
    </div>
  );
}
