'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavSection } from './nav';

export function SidebarNav({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href));
  return (
    <nav aria-label="Main" className="stack gap-14">
      {sections.map((section) => (
        <div className="nav-section" key={section.heading ?? 'main'}>
          {section.heading && <div className="nav-heading">{section.heading}</div>}
          {section.items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="nav-link"
              aria-current={isCurrent(item.href) ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </div>
      ))}
    </nav>
  );
}
