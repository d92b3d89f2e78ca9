import type { ReactNode } from 'react';

/** One row of a `.facts` definition list (label column, value column). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One cell of a profile grid: a small muted label over its value, a dash when empty. */
export function Field({
  label,
  wide = false,
  children,
}: {
  label: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div style={{ minWidth: 0, gridColumn: wide ? '1 / -1' : undefined }}>
      <dt className="muted small">{label}</dt>
      <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
        {children ?? <span className="muted">—</span>}
      </dd>
    </div>
  );
}
