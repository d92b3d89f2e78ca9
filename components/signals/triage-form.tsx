'use client';

import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { ReasonField } from '@/components/ui/reason-field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

type Action = 'acknowledge' | 'dismiss' | 'reopen';

/** Triage a signal: acknowledge, dismiss as a false positive (with a reason), reopen. Escalation is a case. */
export function TriageForm({ signalId, status }: { signalId: string; status: string }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const triage = useFormMutation(trpc.signals.triage.mutationOptions(), {
    fields: ['reason'],
    refresh: true,
    onSuccess: () => setReason(''),
  });
  const act = (action: Action) => triage.mutate({ signalId, action, reason: reason || undefined });
  const actions: [Action, string, ButtonVariant][] =
    status === 'open'
      ? [
          ['acknowledge', 'Acknowledge', 'secondary'],
          ['dismiss', 'Dismiss as false positive', 'danger'],
        ]
      : status === 'acknowledged'
        ? [
            ['dismiss', 'Dismiss as false positive', 'danger'],
            ['reopen', 'Reopen', 'secondary'],
          ]
        : [['reopen', 'Reopen', 'secondary']];
  return (
    <form className="stack" aria-label="Triage" onSubmit={(e) => e.preventDefault()}>
      <ReasonField
        label="Reason"
        value={reason}
        onChange={setReason}
        placeholder="Required to dismiss; kept with the signal and in the audit log"
        error={triage.fieldError('reason')}
      />
      <FormMessage message={triage.message} />
      <div className="row">
        {actions.map(([action, label, variant]) => (
          <Button
            key={action}
            variant={variant}
            disabled={triage.pending}
            onClick={() => act(action)}
          >
            {label}
          </Button>
        ))}
      </div>
    </form>
  );
}
