'use client';

import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { ReasonField } from '@/components/ui/reason-field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { REVEAL_DAYS } from '@/server/domain/privacy/visibility';

/** Reveal a pseudonymized person, with a reason the audit log keeps (docs/PRIVACY.md). */
export function RevealDialog({ signalId, pseudonym }: { signalId: string; pseudonym: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reveal = useFormMutation(trpc.privacy.reveal.mutationOptions(), {
    fields: ['reason'],
    refresh: true,
    onSuccess: () => {
      setReason('');
      setOpen(false);
    },
  });
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" data-testid="reveal-open">
          Reveal identity
        </Button>
      }
      title={`Reveal ${pseudonym}`}
      description={`The name shows to you alone, on every page, for ${REVEAL_DAYS} days. Your reason is kept in the audit log, and auditors see every reveal.`}
    >
      <form
        className="stack"
        aria-label="Reveal identity"
        onSubmit={(e) => {
          e.preventDefault();
          reveal.mutate({ signalId, reason });
        }}
      >
        <ReasonField
          label="Why do you need the name?"
          value={reason}
          onChange={setReason}
          placeholder="e.g. the exports match an open HR complaint; checking before opening a case"
          error={reveal.fieldError('reason')}
        />
        <FormMessage message={reveal.message} />
        <div className="row">
          <Button variant="primary" type="submit" busy={reveal.pending} busyLabel="Revealing…">
            Reveal
          </Button>
          <DialogClose>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
        </div>
      </form>
    </Dialog>
  );
}
