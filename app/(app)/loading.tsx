export default function Loading() {
  return (
    <div className="stack" aria-busy="true" aria-live="polite">
      <span className="visually-hidden">Loading…</span>
      <div className="skeleton skeleton-title" />
      <div className="card stack">
        <div className="skeleton" />
        <div className="skeleton w-80" />
        <div className="skeleton w-60" />
      </div>
    </div>
  );
}
