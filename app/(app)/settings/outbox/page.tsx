import Link from 'next/link';
import { z } from 'zod';
import { MessageBody } from '@/components/mail/message-body';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { singleParams } from '@/components/ui/search-params';
import { MAIL_STATUSES } from '@/server/domain/mail/statuses';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Outbox' };

const paramsSchema = z.object({
  status: z.enum(MAIL_STATUSES).optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

const STATUS_BADGE = {
  outbox: 'badge-brand',
  queued: 'badge-warn',
  sent: 'badge-ok',
  failed: 'badge-danger',
} as const;
const STATUS_LABEL = {
  outbox: 'Waiting in outbox',
  queued: 'Queued for SMTP',
  sent: 'Sent',
  failed: 'Failed',
} as const;

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const params = paramsSchema.parse(singleParams(raw));
  const caller = await serverCaller();
  const result = await guarded(() =>
    caller.outbox.list({ status: params.status, cursor: params.cursor, limit: 50 }),
  );
  if (!result.ok) return <Refusal message={result.message} />;
  const page = result.data;
  const hrefFor = (cursor: string | undefined, status = params.status) => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (cursor) q.set('cursor', cursor);
    const s = q.toString();
    return `/settings/outbox${s ? `?${s}` : ''}`;
  };
  return (
    <>
      <PageHeader
        title="Outbox"
        description={
          page.smtp
            ? 'Messages Vigil sends through your SMTP server. Bodies are dropped once delivered, because they carry single-use links.'
            : 'No SMTP server is configured (SMTP_URL), so messages wait here instead of being emailed. Forward them by hand, or follow a link while testing.'
        }
      />
      <nav className="row mb-12 gap-8" aria-label="Filter by status">
        <Link
          className={`btn btn-small${!params.status ? ' btn-primary' : ''}`}
          href={hrefFor(undefined, undefined)}
          aria-current={!params.status ? 'page' : undefined}
        >
          All
        </Link>
        {MAIL_STATUSES.map((s) => (
          <Link
            key={s}
            className={`btn btn-small${params.status === s ? ' btn-primary' : ''}`}
            href={hrefFor(undefined, s)}
            aria-current={params.status === s ? 'page' : undefined}
          >
            {STATUS_LABEL[s]}
          </Link>
        ))}
      </nav>
      <div className="card">
        {page.items.length === 0 ? (
          <EmptyState title={params.status ? 'No messages with this status' : 'No messages yet'}>
            Attestation requests, reminders and alerts appear here as they are sent.
          </EmptyState>
        ) : (
          <ul className="stack plain-list">
            {page.items.map((m) => (
              <li key={m.id} className="outbox-message" data-testid="outbox-message">
                <details>
                  <summary>
                    <span className="strong">{m.subject}</span>{' '}
                    <span className="muted small">
                      to {m.to} · {formatDateTime(m.createdAt)} · {m.category}
                    </span>{' '}
                    <span className={`badge ${STATUS_BADGE[m.status]}`}>{m.status}</span>
                  </summary>
                  <div className="outbox-body">
                    {m.body ? (
                      <MessageBody text={m.body} />
                    ) : (
                      <p className="muted small">
                        Delivered {m.sentAt ? formatDateTime(m.sentAt) : ''}; the body is no longer
                        kept.
                      </p>
                    )}
                    {m.lastError && (
                      <p className="small" role="alert">
                        Last delivery attempt ({m.attempts}) failed: {m.lastError}
                      </p>
                    )}
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
        <KeysetPager
          cursor={params.cursor}
          nextCursor={page.nextCursor}
          hrefFor={(c) => hrefFor(c)}
        />
      </div>
    </>
  );
}
