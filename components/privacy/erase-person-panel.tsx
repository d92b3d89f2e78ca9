'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { ReasonField } from '@/components/ui/reason-field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { confirmsErasure } from '@/server/domain/erasure/erasure';

/** Legal hold and erasure, for admins (docs/PRIVACY.md §Erasure). */
export function ErasePersonPanel({
  personId,
  email,
  legalHold,
}: {
  personId: string;
  email: string;
  legalHold: string | null;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [holdReason, setHoldReason] = useState('');
  const erase = useFormMutation(trpc.erasure.erase.mutationOptions(), {
    refresh: true,
    fields: ['confirmation', 'reason'],
  });
  const hold = useFormMutation(trpc.erasure.setLegalHold.mutationOptions(), {
    refresh: true,
    fields: ['reason'],
    onSuccess: () => setHoldReason(''),
  });

  function onErase(event: FormEvent) {
    event.preventDefault();
    erase.mutate({ personId, confirmation: typed, reason });
  }

  return (
    <section className="card stack mt-16 danger-zone" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy</h2>
      {legalHold ? (
        <div className="row">
          <Alert tone="warn" testId="legal-hold">
            Legal hold: {legalHold}. Erasure is refused while it lasts.
          </Alert>
          <Button
            size="small"
            busy={hold.pending}
            onClick={() => hold.mutate({ personId, reason: null })}
          >
            Release hold
          </Button>
        </div>
      ) : (
        <form
          className="row align-end"
          aria-label="Place a legal hold"
          onSubmit={(e) => {
            e.preventDefault();
            hold.mutate({ personId, reason: holdReason });
          }}
        >
          <Field label="Legal hold" className="grow" error={hold.fieldError('reason')}>
            <Input
              value={holdReason}
              maxLength={500}
              onChange={(e) => setHoldReason(e.target.value)}
              placeholder="Reason, e.g. the litigation or request reference"
            />
          </Field>
          <Button type="submit" busy={hold.pending}>
            Place hold
          </Button>
        </form>
      )}
      <FormMessage message={hold.message} />
      {!open ? (
        <div>
          <Button variant="danger" onClick={() => setOpen(true)}>
            Erase personal data…
          </Button>
        </div>
      ) : (
        <form className="stack" aria-label="Erase personal data" onSubmit={onErase}>
          <Note>
            Deletes this person’s events, signals, risk scores, identifiers and screening matches,
            blanks their attestation answers and redacts their details from the audit log (which
            still verifies). The record stays as “Erased person” so access history keeps its
            subject. This cannot be undone. Refused while a case about the person is open or a legal
            hold applies.
          </Note>
          <Field
            label={
              // One span: the label stacks its children, and this is one line of text.
              <span>
                Type <code>{email}</code> to confirm
              </span>
            }
            error={erase.fieldError('confirmation')}
          >
            <Input
              name="confirmation"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </Field>
          <ReasonField
            label="Reason"
            value={reason}
            onChange={setReason}
            placeholder="e.g. erasure request ER-2026-41 from the employee"
            error={erase.fieldError('reason')}
          />
          <FormMessage message={erase.message} />
          <div className="row">
            <Button
              type="submit"
              variant="danger"
              disabled={!confirmsErasure(typed, email)}
              busy={erase.pending}
              busyLabel="Erasing…"
            >
              Erase permanently
            </Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </div>
        </form>
      )}
    </section>
  );
}
