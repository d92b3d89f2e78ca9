import Link from 'next/link';
import type { ReactNode } from 'react';

export interface NavTab {
  href: string;
  label: ReactNode;
  current: boolean;
  testId?: string;
}

/**
 * Links between sibling views drawn as tabs (each view has its own URL, so these are links with
 * aria-current, not an ARIA tab list).
 */
export function NavTabs({ label, tabs }: { label: string; tabs: NavTab[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link
          key={t.href}
          className="tab"
          href={t.href}
          aria-current={t.current ? 'page' : undefined}
          data-testid={t.testId}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
