'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Select, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
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
  const allowed = allowedVendorTransitions(current);
  const [status, setStatus] = useState<VendorStatus | ''>(allowed[0] ?? '');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<VendorStatus | null>(null);
  const [revoked, setRevoked] = useState(0);
  const change = useFormMutation(trpc.vendors.changeStatus.mutationOptions(), {
    fields: ['reason'],
    refresh: true,
    onSuccess: (result) => {
      setDone(result.status);
      setRevoked(result.revokedGrants);
      setReason('');
    },
  });

  if (allowed.length === 0) {
    return (
      <Note>A {STATUS_LABELS[current].toLowerCase()} vendor has no further status changes.</Note>
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
      <div className="form-grid align-start status-grid">
        <Field label="New status">
          <Select
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value as VendorStatus)}
          >
            {allowed.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Reason" error={change.fieldError('reason')}>
          <Textarea
            name="reason"
            rows={2}
            required
            minLength={5}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why now? At least 5 characters; kept in the history and audit log"
          />
        </Field>
      </div>
      {status !== '' && endsVendorAccess(status) && (
        <Alert tone="warn" as="p" className="small flush" testId="offboarding-warning">
          Moving to {STATUS_LABELS[status].toLowerCase()} revokes every access grant this
          vendor&apos;s people hold, at once.
        </Alert>
      )}
      <div className="row">
        <Button variant="primary" type="submit" busy={change.pending} busyLabel="Changing…">
          Change status
        </Button>
        <FormMessage message={change.message} inline />
        {done && !change.error && (
          <Badge tone="ok" role="status">
            Now {STATUS_LABELS[done].toLowerCase()}
            {revoked ? `; ${revoked} grant${revoked === 1 ? '' : 's'} revoked` : ''}
          </Badge>
        )}
      </div>
    </form>
  );
}
