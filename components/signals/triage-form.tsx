'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { ReasonField } from '@/components/ui/reason-field';

type Action = 'acknowledge' | 'dismiss' | 'reopen';

/** Triage a signal: acknowledge, dismiss as a false positive (with a reason), reopen. Escalation is a case. */
export function TriageForm({ signalId, status }: { signalId: string; status: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const triage = useMutation(
    trpc.signals.triage.mutationOptions({
      onSuccess: () => {
        setReason('');
        router.refresh();
      },
    }),
  );
  const fieldErrors: Record<string, string[] | undefined> = triage.error?.data?.fieldErrors ?? {};
  const act = (action: Action) => triage.mutate({ signalId, action, reason: reason || undefined });
  const actions: [Action, string, string][] =
    status === 'open'
      ? [
          ['acknowledge', 'Acknowledge', 'btn'],
          ['dismiss', 'Dismiss as false positive', 'btn btn-danger'],
        ]
      : status === 'acknowledged'
        ? [
            ['dismiss', 'Dismiss as false positive', 'btn btn-danger'],
            ['reopen', 'Reopen', 'btn'],
          ]
        : [['reopen', 'Reopen', 'btn']];
  return (
    <form className="stack" aria-label="Triage" onSubmit={(e) => e.preventDefault()}>
      <ReasonField
        label="Reason"
        value={reason}
        onChange={setReason}
        placeholder="Required to dismiss; kept with the signal and in the audit log"
        error={fieldErrors.reason?.[0]}
      />
      {triage.error && !fieldErrors.reason && (
        <div className="alert alert-error" role="alert">
          {triage.error.message}
        </div>
      )}
      <div className="row">
        {actions.map(([action, label, cls]) => (
          <button
            key={action}
            className={cls}
            type="button"
            disabled={triage.isPending}
            onClick={() => act(action)}
          >
            {label}
          </button>
        ))}
      </div>
    </form>
  );
}
