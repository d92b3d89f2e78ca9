'use client';

import { useRef, useState } from 'react';

export type Keyed<T> = T & { key: number };

/**
 * The rows of a repeatable group in a form (certifications, identifiers, privileges): each row
 * keeps a stable React key while rows are added, changed and removed.
 */
export function useKeyedRows<T extends object>(initial: readonly T[]) {
  const nextKey = useRef(initial.length);
  const [rows, setRows] = useState<Keyed<T>[]>(() => initial.map((r, key) => ({ ...r, key })));
  return {
    rows,
    add(row: T) {
      const key = nextKey.current++;
      setRows((all) => [...all, { ...row, key }]);
    },
    update(key: number, patch: Partial<T>) {
      setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    },
    remove(key: number) {
      setRows((all) => all.filter((r) => r.key !== key));
    },
    /** Replaces every row (e.g. with what the server saved), under fresh keys. */
    reset(next: readonly T[]) {
      setRows(next.map((r) => ({ ...r, key: nextKey.current++ })));
    },
  };
}
