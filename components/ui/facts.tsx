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
    <div className={wide ? 'profile-cell wide' : 'profile-cell'}>
      <dt className="muted small">{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}
