import Link from 'next/link';
import { z } from 'zod';
import { ResolveActorForm } from '@/components/identities/resolve-actor-form';
import { BandBadge } from '@/components/risk/band-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { IDENTITY_RESOLVERS } from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Log actors' };

const TABS = [
  ['unresolved', 'Unresolved'],
  ['resolved', 'Linked to people'],
  ['service_account', 'Service accounts'],
] as const;

export default async function IdentitiesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const status = z
    .enum(['unresolved', 'resolved', 'service_account'])
    .catch('unresolved')
    .parse(raw.status);
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const canResolve = can(role, IDENTITY_RESOLVERS);
  // Both reads start at once.
  const options = canResolve && status === 'unresolved' ? started(caller.people.options()) : null;
  const list = await guarded(() => caller.identities.list({ status }));
  if (!list.ok) return <Refusal message={list.message} />;
  const people = options ? await options : [];

  return (
    <>
      <PageHeader
        title="Log actors"
        description="Who the access logs say acted, the most suspicious first (open signals, then risk of the person behind the actor), then the most active. Events from an unresolved actor count for nobody until an admin links the actor to a person (which back-fills their earlier events) or marks it a service account."
      />
      <section className="card">
        <nav className="row mb-12" aria-label="Filter actors">
          {TABS.map(([t, label]) => (
            <Link
              key={t}
              href={t === 'unresolved' ? '/identities' : `/identities?status=${t}`}
              className={`btn btn-small${status === t ? ' btn-primary' : ''}`}
              aria-current={status === t ? 'page' : undefined}
            >
              {label}
            </Link>
          ))}
        </nav>
        {list.data.length === 0 ? (
          <EmptyState title="Nobody here">
            {status === 'unresolved'
              ? 'Every actor in the ingested logs is linked to a person or marked a service account.'
              : 'Actors appear here as logs are ingested and resolved.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="actors">
              <thead>
                <tr>
                  <th>Actor</th>
                  <th>Events</th>
                  <th>Seen</th>
                  <th>{status === 'unresolved' ? (canResolve ? 'Resolve' : '') : 'Person'}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((a) => (
                  <tr key={a.id} data-testid={`actor-${a.actorKey}`}>
                    <td>
                      <span className="mono break-all">{a.value}</span>
                      <div className="muted small">
                        {a.kind} · {a.sources.join(', ')}
                      </div>
                    </td>
                    <td>{a.eventCount}</td>
                    <td className="small">
                      {formatDateTime(a.firstSeenAt)}
                      <div className="muted">to {formatDateTime(a.lastSeenAt)}</div>
                    </td>
                    <td>
                      {status === 'unresolved' ? (
                        canResolve && (
                          <ResolveActorForm
                            identityId={a.id}
                            actorLabel={a.value}
                            people={people}
                          />
                        )
                      ) : a.person?.id ? (
                        <>
                          <Link href={`/people/${a.person.id}`}>{a.person.fullName}</Link>
                          <div className="row small mt-4">
                            {a.riskBand && <BandBadge band={a.riskBand} />}
                            {a.openSignals > 0 && (
                              <Link
                                className="text-danger"
                                href={`/signals?personId=${a.person.id}`}
                              >
                                {a.openSignals} open signal{a.openSignals === 1 ? '' : 's'}
                              </Link>
                            )}
                          </div>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
