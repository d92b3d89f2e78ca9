'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Select } from '@/components/ui/controls';

interface Org {
  orgId: string;
  name: string;
  slug: string;
  role: string;
}

/** Switching updates the session's organization (verified server-side against memberships). */
export function OrgSwitcher({ orgs, activeOrgId }: { orgs: Org[]; activeOrgId: string | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (orgs.length < 2 && activeOrgId) {
    return <Badge tone="brand">{orgs[0]?.name}</Badge>;
  }
  async function onChange(orgId: string) {
    setBusy(true);
    setError(null);
    try {
      const csrf = await fetch('/api/auth/csrf').then(
        (r) => r.json() as Promise<{ csrfToken: string }>,
      );
      const res = await fetch('/api/auth/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ csrfToken: csrf.csrfToken, data: { orgId } }),
      });
      if (!res.ok) throw new Error('switch failed');
      router.push('/');
      router.refresh();
    } catch {
      setError('Could not switch organization.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <label className="row org-switcher">
      <span className="visually-hidden">Organization</span>
      <Select
        aria-label="Organization"
        value={activeOrgId ?? ''}
        disabled={busy}
        onChange={(e) => onChange(e.target.value)}
      >
        {!activeOrgId && <option value="">Choose an organization…</option>}
        {orgs.map((o) => (
          <option key={o.orgId} value={o.orgId}>
            {/* The slug is unique; names are chosen by each tenant's admin and may collide. */}
            {o.name} · {o.slug} ({o.role})
          </option>
        ))}
      </Select>
      <FormMessage message={error} inline />
    </label>
  );
}
