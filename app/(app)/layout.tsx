import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { TrpcProviders } from '@/components/providers/trpc-provider';
import { AppShell } from '@/components/shell/app-shell';
import { OrgSwitcher } from '@/components/shell/org-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { sessionClaims } from '@/server/trpc/context';
import { serverCaller } from '@/server/trpc/server-caller';
import {
  accountSecurityOrNull,
  resolveSessionOrNull,
  signInStepPath,
} from '@/server/trpc/session-view';

export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const claims = await sessionClaims();
  if (!claims) redirect('/sign-in');
  const caller = await serverCaller();
  const view = await resolveSessionOrNull(caller);
  if (!view) {
    // A session waiting for its second factor, or for a required enrolment, goes there first.
    const pending = await accountSecurityOrNull(caller);
    redirect(
      pending && pending.mfaState !== 'complete'
        ? signInStepPath(pending.mfaState)
        : '/sign-in?error=SessionExpired',
    );
  }
  const orgs = view.memberships.map((m) => ({
    orgId: m.orgId,
    name: m.name,
    slug: m.slug,
    role: m.role,
  }));
  if (!view.active) {
    return (
      <div className="auth-wrap">
        <div className="card auth-card stack">
          <h1>Choose an organization</h1>
          <p className="muted">
            Your membership in the organization you last used is no longer active.
          </p>
          <OrgSwitcher orgs={orgs} activeOrgId={null} />
          <SignOutButton />
        </div>
      </div>
    );
  }
  return (
    <TrpcProviders>
      <AppShell
        user={view.user}
        role={view.active.role}
        orgs={orgs}
        activeOrgId={view.active.orgId}
      >
        {children}
      </AppShell>
    </TrpcProviders>
  );
}
