export default function Loading() {
  return (
    <div className="stack" aria-busy="true" aria-live="polite">
      <span className="visually-hidden">Loading…</span>
      <div className="skeleton" style={{ width: 240, height: 28 }} />
      <div className="card stack">
        <div className="skeleton" />
        <div className="skeleton" style={{ width: '80%' }} />
        <div className="skeleton" style={{ width: '60%' }} />
      </div>
    </div>
  );
}
