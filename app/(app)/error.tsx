'use client';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="card" role="alert">
      <div className="empty">
        <h3>Something went wrong</h3>
        <p>
          This page could not be loaded. Nothing was changed.
          {error.digest ? ` Reference: ${error.digest}.` : ''}
        </p>
        <button type="button" className="btn" onClick={reset}>
          Try again
        </button>
      </div>
    </div>
  );
}
