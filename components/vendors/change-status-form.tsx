'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import {
  allowedVendorTransitions,
  endsVendorAccess,
  type VendorStatus,
} from '@/server/domain/inventory/vendor';
import { STATUS_LABELS } from './labels';

export function ChangeStatusForm({
  vendorId,
  current,
}: {
  vendorId: string;
  current: VendorStatus;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const allowed = allowedVendorTransitions(current);
  const [status, setStatus] = useState<VendorStatus | ''>(allowed[0] ?? '');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<VendorStatus | null>(null);
  const [revoked, setRevoked] = useState(0);
  const change = useMutation(
    trpc.vendors.changeStatus.mutationOptions({
      onSuccess: (result) => {
        setDone(result.status);
        setRevoked(result.revokedGrants);
        setReason('');
        router.refresh();
      },
    }),
  );
  const fieldErrors: Record<string, string[] | undefined> = change.error?.data?.fieldErrors ?? {};

  if (allowed.length === 0) {
    return (
      <p className="muted small" style={{ margin: 0 }}>
        A {STATUS_LABELS[current].toLowerCase()} vendor has no further status changes.
      </p>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!status) return;
    setDone(null);
    change.mutate({ vendorId, status, reason });
  }

  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      aria-label="Change status"
      data-testid="change-status"
    >
      <div
        className="form-grid"
        style={{ gridTemplateColumns: 'minmax(160px, 220px) 1fr', alignItems: 'start' }}
      >
        <label>
          New status
          <select
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value as VendorStatus)}
          >
            {allowed.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason
          <textarea
            name="reason"
            rows={2}
            required
            minLength={5}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why now? At least 5 characters; kept in the history and audit log"
          />
          {fieldErrors.reason?.[0] && <span className="field-error">{fieldErrors.reason[0]}</span>}
        </label>
      </div>
      {status !== '' && endsVendorAccess(status) && (
        <p
          className="alert alert-warn small"
          style={{ margin: 0 }}
          data-testid="offboarding-warning"
        >
          Moving to {STATUS_LABELS[status].toLowerCase()} revokes every access grant this
          vendor&apos;s people hold, at once.
        </p>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change status'}
        </button>
        {change.error && !fieldErrors.reason && (
          <span className="field-error" role="alert">
            {change.error.message}
          </span>
        )}
        {done && !change.error && (
          <span className="badge badge-ok" role="status">
            Now {STATUS_LABELS[done].toLowerCase()}
            {revoked ? `; ${revoked} grant${revoked === 1 ? '' : 's'} revoked` : ''}
          </span>
        )}
      </div>
    </form>
  );
}
