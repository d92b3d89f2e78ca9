import type { ReactNode } from 'react';
import { ROLE_LABELS, type Role } from '@/server/domain/tenancy/roles';
import { navFor } from './nav';
import { OrgSwitcher } from './org-switcher';
import { SidebarNav } from './sidebar-nav';
import { SignOutButton } from './sign-out-button';

interface ShellProps {
  user: { name: string; email: string };
  role: Role;
  orgs: { orgId: string; name: string; slug: string; role: string }[];
  activeOrgId: string;
  children: ReactNode;
}

export function AppShell({ user, role, orgs, activeOrgId, children }: ShellProps) {
  return (
    <div className="shell">
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            V
          </span>
          Vigil
        </div>
        <SidebarNav sections={navFor(role)} />
        <div className="sidebar-footer">Signed in as {ROLE_LABELS[role].toLowerCase()}</div>
      </aside>
      <div className="main">
        <header className="topbar">
          <OrgSwitcher orgs={orgs} activeOrgId={activeOrgId} />
          <div className="who">
            <div className="who-name">{user.name}</div>
            <div>
              {user.email} · <span data-testid="current-role">{ROLE_LABELS[role]}</span>
            </div>
          </div>
          <SignOutButton />
        </header>
        <main id="content" className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
