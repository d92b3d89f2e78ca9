import Link from 'next/link';
import { z } from 'zod';
import { CheckResultBadge } from '@/components/candidates/check-result-badge';
import { CANDIDATE_STATUS_LABELS, CANDIDATE_STATUSES } from '@/components/candidates/labels';
import { IDENTIFIER_LABELS } from '@/components/people/labels';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { NavTabs } from '@/components/ui/nav-tabs';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { Table, Td, Th } from '@/components/ui/table';
import type { IdentifierKind } from '@/server/domain/inventory/identifiers';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Candidates' };

const paramsSchema = z.object({
  status: z.enum(CANDIDATE_STATUSES).default('active').catch('active'),
});

export default async function CandidatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const { status } = paramsSchema.parse({
    status: Array.isArray(raw.status) ? raw.status[0] : raw.status,
  });
  const caller = await serverCaller();
  const result = await guarded(() => caller.candidates.list({ status }));
  if (!result.ok)
    return <Refusal message="Candidates are open to compliance officers, admins and auditors." />;
  const list = result.data;
  return (
    <>
      <PageHeader
        title="Candidates"
        description="People screened before the hire. A candidate becomes staff only when every check has passed, or an admin overrides with a written reason."
      />
      <NavTabs
        label="Candidate status"
        tabs={CANDIDATE_STATUSES.map((s) => ({
          href: s === 'active' ? '/candidates' : `/candidates?status=${s}`,
          label: CANDIDATE_STATUS_LABELS[s],
          current: s === status,
        }))}
      />
      {list.length === 0 ? (
        <div className="card">
          <EmptyState title="No candidates here">
            Import candidates from Greenhouse or Lever with{' '}
            <code>vigil import candidates --org S FILE --format greenhouse</code>, or add people of
            type candidate on the <Link href="/imports">imports page</Link>.
          </EmptyState>
        </div>
      ) : (
        <div className="card">
          <Table testId="candidate-list">
            <thead>
              <tr>
                <Th>Candidate</Th>
                <Th>Stage</Th>
                <Th>Role</Th>
                <Th>Recruiter</Th>
                <Th>Identifiers</Th>
                <Th>Checks</Th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} data-testid="candidate-row">
                  <Td>
                    <Link className="strong" href={`/candidates/${c.id}`}>
                      {c.fullName}
                    </Link>
                    <div className="muted small break-anywhere">{c.email}</div>
                  </Td>
                  <Td>
                    {c.hiredAt ? (
                      <Badge tone="brand">Hired</Badge>
                    ) : (
                      (c.stage ?? <span className="muted">—</span>)
                    )}
                  </Td>
                  <Td>{c.role ?? <span className="muted">—</span>}</Td>
                  <Td>{c.recruiter ?? <span className="muted">—</span>}</Td>
                  <Td className="small">
                    {c.identifiers.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      c.identifiers.slice(0, 4).map((i) => (
                        <div key={`${i.kind}:${i.value}`} className="break-anywhere">
                          <span className="muted">
                            {IDENTIFIER_LABELS[i.kind as IdentifierKind] ?? i.kind}
                          </span>{' '}
                          {i.value}
                        </div>
                      ))
                    )}
                    {c.identifiers.length > 4 && (
                      <div className="muted">and {c.identifiers.length - 4} more</div>
                    )}
                  </Td>
                  <Td>
                    <div className="row" data-testid="check-summary">
                      {c.summary.fail > 0 && (
                        <span title="Failed checks">
                          <CheckResultBadge result="fail" /> {c.summary.fail}
                        </span>
                      )}
                      {c.summary.open > 0 && (
                        <span title="Open checks">
                          <CheckResultBadge result="open" /> {c.summary.open}
                        </span>
                      )}
                      <span title="Passed checks">
                        <CheckResultBadge result="pass" /> {c.summary.pass}
                      </span>
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
