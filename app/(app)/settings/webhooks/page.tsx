import Link from 'next/link';
import { z } from 'zod';
import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { singleParams } from '@/components/ui/search-params';
import { AddWebhookForm } from '@/components/webhooks/add-webhook-form';
import { EndpointActions } from '@/components/webhooks/endpoint-actions';
import { RedeliverButton } from '@/components/webhooks/redeliver-button';
import { WEBHOOK_MANAGERS } from '@/server/domain/webhooks/inputs';
import { DELIVERY_STATUSES } from '@/server/domain/webhooks/retry';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Webhooks' };

const paramsSchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  endpoint: z.uuid().optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

const DELIVERY_TONE: Record<(typeof DELIVERY_STATUSES)[number], Tone> = {
  pending: 'brand',
  succeeded: 'ok',
  failed: 'warn',
  dead: 'danger',
};
const STATUS_LABEL = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Retrying',
  dead: 'Dead letter',
} as const;

export default async function WebhooksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = paramsSchema.parse(singleParams(await searchParams));
  const caller = await serverCaller();
  const [role, endpoints, deliveries] = await Promise.all([
    pageRole(),
    guarded(() => caller.webhooks.list()),
    guarded(() =>
      caller.webhooks.deliveries({
        status: params.status,
        endpointId: params.endpoint,
        cursor: params.cursor,
        limit: 50,
      }),
    ),
  ]);
  if (!endpoints.ok) return <Refusal message={endpoints.message} />;
  if (!deliveries.ok) return <Refusal message={deliveries.message} />;
  const canManage = can(role, WEBHOOK_MANAGERS);
  const hrefFor = (cursor: string | undefined, status = params.status) => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (params.endpoint) q.set('endpoint', params.endpoint);
    if (cursor) q.set('cursor', cursor);
    const s = q.toString();
    return `/settings/webhooks${s ? `?${s}` : ''}`;
  };
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Vigil POSTs signed JSON events to these endpoints, retries failures with backoff for about eleven hours, then keeps them in the dead letter for you to redeliver."
      />
      {canManage && (
        <div className="card">
          <h2 className="mb-12">Add an endpoint</h2>
          <AddWebhookForm />
        </div>
      )}
      <div className="card">
        <h2 className="mb-12">Endpoints</h2>
        {endpoints.data.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">
            {canManage ? 'Add one above to send events to your own systems.' : null}
          </EmptyState>
        ) : (
          <ul className="stack plain-list">
            {endpoints.data.map((e) => (
              <li key={e.id} className="stack" data-testid="webhook-endpoint">
                <div className="row gap-8">
                  <span className="mono strong">{e.url}</span>
                  <Badge tone={e.status === 'active' ? 'ok' : 'neutral'}>{e.status}</Badge>
                  {e.dead > 0 && (
                    <Link href={`/settings/webhooks?status=dead&endpoint=${e.id}`}>
                      <Badge tone="danger">{e.dead} dead</Badge>
                    </Link>
                  )}
                </div>
                <div className="muted small">
                  {e.description ? `${e.description} · ` : ''}
                  {e.events.length === 0 ? 'all events' : e.events.join(', ')} · secret{' '}
                  <span className="mono">{e.secretHint}</span> · added {formatDateTime(e.createdAt)}{' '}
                  by {e.createdBy ?? 'CLI'}
                </div>
                {canManage && <EndpointActions id={e.id} url={e.url} status={e.status} />}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="card">
        <h2 className="mb-12">Delivery log</h2>
        <nav className="row mb-12 gap-8" aria-label="Filter deliveries by status">
          <Link
            className={`btn btn-small${!params.status ? ' btn-primary' : ''}`}
            href={hrefFor(undefined, undefined)}
            aria-current={!params.status ? 'page' : undefined}
          >
            All
          </Link>
          {DELIVERY_STATUSES.map((s) => (
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
        {deliveries.data.items.length === 0 ? (
          <EmptyState title="No deliveries">
            Events appear here as they are sent to your endpoints.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Event</th>
                  <th>Endpoint</th>
                  <th>Status</th>
                  <th>Response</th>
                  <th>Latency</th>
                  <th>Attempts</th>
                  <th>Next attempt</th>
                  {canManage && (
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {deliveries.data.items.map((d) => (
                  <tr key={d.id} data-testid="webhook-delivery">
                    <td className="small">{formatDateTime(d.createdAt)}</td>
                    <td className="mono small">{d.eventType}</td>
                    <td className="mono small">{new URL(d.url).host}</td>
                    <td>
                      <Badge tone={DELIVERY_TONE[d.status]}>{STATUS_LABEL[d.status]}</Badge>
                      {d.lastError && <div className="muted small">{d.lastError}</div>}
                    </td>
                    <td className="small">{d.responseCode ?? '—'}</td>
                    <td className="small">{d.latencyMs === null ? '—' : `${d.latencyMs} ms`}</td>
                    <td className="small">{d.attempts}</td>
                    <td className="small">
                      {d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'}
                    </td>
                    {canManage && (
                      <td className="text-right">
                        <RedeliverButton deliveryId={d.id} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <KeysetPager
          cursor={params.cursor}
          nextCursor={deliveries.data.nextCursor}
          hrefFor={(c) => hrefFor(c)}
        />
      </div>
    </>
  );
}
