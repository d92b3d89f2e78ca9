import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { z } from 'zod';
import { PERSON_TYPE_BADGES, PERSON_TYPE_LABELS } from '@/components/people/labels';
import { PeopleFilters } from '@/components/people/people-filters';
import { ScreeningBadge } from '@/components/people/screening-badge';
import { PersonName } from '@/components/privacy/person-name';
import { BandBadge } from '@/components/risk/band-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { singleParams } from '@/components/ui/search-params';
import { BACKGROUND_CHECK_STATUSES, PERSON_TYPES } from '@/server/domain/inventory/person';
import { RISK_BANDS } from '@/server/domain/risk/bands';
import { INVENTORY_EDITORS, SCOPED_READERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'People' };

const paramsSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(PERSON_TYPES).optional().catch(undefined),
  vendor: z.uuid().optional().catch(undefined),
  check: z.enum(BACKGROUND_CHECK_STATUSES).optional().catch(undefined),
  band: z.enum(RISK_BANDS).optional().catch(undefined),
  sort: z.enum(['name', 'risk']).optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const params = paramsSchema.parse(singleParams(raw));
  const caller = await serverCaller();
  const [role, result] = await Promise.all([
    pageRole(),
    guarded(async () => {
      const [page, vendors] = await Promise.all([
        caller.people
          .list({
            q: params.q || undefined,
            types: params.type ? [params.type] : undefined,
            vendorId: params.vendor,
            backgroundCheck: params.check,
            riskBand: params.band,
            sort: params.sort,
            cursor: params.cursor,
            limit: 25,
          })
          .catch((error: unknown) => {
            // A tampered or outdated cursor: offer the first page rather than an error screen.
            if (params.cursor && error instanceof TRPCError && error.code === 'BAD_REQUEST')
              return null;
            throw error;
          }),
        caller.vendors.options(),
      ]);
      return { page, vendors };
    }),
  ]);
  if (!result.ok) return <Refusal message={result.message} />;
  if (!result.data.page) {
    return (
      <div className="card">
        <EmptyState title="That page link is no longer valid">
          <Link href="/people">Start from the first page</Link>
        </EmptyState>
      </div>
    );
  }
  const canEdit = can(role, INVENTORY_EDITORS);
  const { vendors } = result.data;
  const page = result.data.page;
  const filtered = Boolean(params.q || params.type || params.vendor || params.check || params.band);
  const linkWith = (cursor: string | undefined) =>
    `/people?${new URLSearchParams(
      Object.entries({ ...params, cursor })
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    ).toString()}`;
  return (
    <>
      <PageHeader
        title="People"
        description={
          can(role, SCOPED_READERS)
            ? 'You and your direct reports: employment, identifiers and screening.'
            : 'Employees, contractors and vendor staff: employment, identifiers and screening.'
        }
        actions={
          <>
            <ExportLink
              list="people"
              filters={{
                q: params.q || undefined,
                types: params.type ? [params.type] : undefined,
                vendorId: params.vendor,
                backgroundCheck: params.check,
                riskBand: params.band,
                sort: params.sort,
              }}
            />
            {canEdit && (
              <Link className="btn btn-primary" href="/people/new">
                New person
              </Link>
            )}
          </>
        }
      />
      <div className="card">
        <PeopleFilters
          vendors={vendors}
          initial={{
            q: params.q,
            type: params.type,
            vendor: params.vendor,
            check: params.check,
            band: params.band,
            sort: params.sort,
          }}
        />
      </div>
      <div className="card">
        {page.people.length === 0 ? (
          filtered ? (
            <EmptyState title="No people match these filters">
              Clear a filter to see more.
            </EmptyState>
          ) : (
            <EmptyState title="No people yet">
              {canEdit
                ? 'Add the people who hold or request privileged access.'
                : 'Nobody has been added to the inventory yet.'}
            </EmptyState>
          )
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Type</th>
                  <th>Vendor</th>
                  <th>Title</th>
                  <th>Screening</th>
                  <th title="The higher of bribery and insider-compromise risk">Risk</th>
                </tr>
              </thead>
              <tbody>
                {page.people.map((p) => (
                  <tr
                    key={p.id ?? p.fullName}
                    data-testid={p.id ? `person-row-${p.email}` : 'person-row-pseudonymized'}
                  >
                    <td className="nowrap">
                      {p.id ? (
                        <Link className="strong" href={`/people/${p.id}`}>
                          {p.fullName}
                        </Link>
                      ) : (
                        <PersonName person={p} />
                      )}
                    </td>
                    <td className="small">{p.email || <span className="muted">—</span>}</td>
                    <td>
                      <span className={`badge ${PERSON_TYPE_BADGES[p.type]}`}>
                        {PERSON_TYPE_LABELS[p.type]}
                      </span>
                    </td>
                    <td>
                      {p.vendorId && p.vendorName ? (
                        <Link href={`/vendors/${p.vendorId}`}>{p.vendorName}</Link>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      {p.title ?? <span className="muted">—</span>}
                      {p.department && <div className="muted small">{p.department}</div>}
                    </td>
                    <td className="max-w-260">
                      <ScreeningBadge screening={p.screening} />
                    </td>
                    <td className="nowrap" data-testid="person-risk-cell">
                      {p.risk === null || p.riskBand === null ? (
                        <span className="muted">—</span>
                      ) : p.id ? (
                        <Link
                          className="row inline-row gap-6 no-wrap"
                          href={`/people/${p.id}#risk-heading`}
                        >
                          <strong>{p.risk.toFixed(1)}</strong> <BandBadge band={p.riskBand} />
                        </Link>
                      ) : (
                        <span className="row inline-row gap-6 no-wrap">
                          <strong>{p.risk.toFixed(1)}</strong> <BandBadge band={p.riskBand} />
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <KeysetPager cursor={params.cursor} nextCursor={page.nextCursor} hrefFor={linkWith} />
      </div>
    </>
  );
}
