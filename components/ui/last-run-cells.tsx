import { formatDateTime } from './format';

/**
 * Two table cells for anything that runs on its own and can fail (connectors, SIEM
 * destinations): when it last succeeded, and its last error with when it happened.
 */
export function LastRunCells({
  lastSuccessAt,
  lastError,
  lastErrorAt,
}: {
  lastSuccessAt: Date | string | null;
  lastError: string | null;
  lastErrorAt: Date | string | null;
}) {
  return (
    <>
      <td className="small">{lastSuccessAt ? formatDateTime(lastSuccessAt) : 'never'}</td>
      <td className="small">
        {lastError ? (
          <>
            <span className="field-error">{lastError}</span>
            {lastErrorAt && <div className="muted">{formatDateTime(lastErrorAt)}</div>}
          </>
        ) : (
          '—'
        )}
      </td>
    </>
  );
}
