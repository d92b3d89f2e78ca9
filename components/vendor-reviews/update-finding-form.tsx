'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { FindingSeverity, FindingStatus } from '@/server/domain/vendor-reviews/review';
import { OwnerSelect, SeveritySelect, StatusSelect, type Owner } from './finding-fields';
import type { Finding } from './findings-panel';

/**
 * A finding's disclosure form: status, owner, due date and a note; with `editTerms` (before the
 * decision) also its title, severity and remediation.
 */
export function UpdateFinding({
  finding,
  owners,
  editTerms,
}: {
  finding: Finding;
  owners: Owner[];
  editTerms: boolean;
}) {
  const trpc = useTRPC();
  const [title, setTitle] = useState(finding.title);
  const [severity, setSeverity] = useState<FindingSeverity>(finding.severity);
  const [remediation, setRemediation] = useState(finding.remediation);
  const [status, setStatus] = useState<FindingStatus>(finding.status);
  const [ownerUserId, setOwner] = useState(finding.ownerUserId ?? '');
  const [dueOn, setDueOn] = useState(finding.dueOn ?? '');
  const [note, setNote] = useState('');
  const update = useFormMutation(trpc.vendorReviews.updateFinding.mutationOptions(), {
    refresh: true,
    onSuccess: () => setNote(''),
  });
  const noteError =
    status === 'accepted_risk' && note.trim().length < 5
      ? 'Accepting a risk needs the reason (at least 5 characters)'
      : undefined;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (noteError) return;
    update.mutate({
      findingId: finding.id,
      status,
      ownerUserId: ownerUserId || null,
      dueOn: dueOn || null,
      note,
      ...(editTerms ? { title, severity, remediation } : {}),
    });
  }
  return (
    <details className="mt-6">
      <summary className="small">{editTerms ? 'Edit finding' : 'Update remediation'}</summary>
      <form className="stack" onSubmit={onSubmit} aria-label={`Update ${finding.title}`}>
        {editTerms && (
          <>
            <div className="form-grid">
              <Field label="Title">
                <Input
                  name="title"
                  value={title}
                  maxLength={200}
                  onChange={(e) => setTitle(e.target.value)}
                />
              </Field>
              <SeveritySelect value={severity} onChange={setSeverity} />
            </div>
            <Field label="Remediation">
              <Textarea
                name="remediation"
                rows={2}
                maxLength={5000}
                value={remediation}
                onChange={(e) => setRemediation(e.target.value)}
              />
            </Field>
          </>
        )}
        <div className="form-grid">
          <StatusSelect value={status} onChange={setStatus} />
          <OwnerSelect owners={owners} value={ownerUserId} onChange={setOwner} none="No owner" />
          <Field label="Due">
            <Input
              type="date"
              name="dueOn"
              value={dueOn}
              onChange={(e) => setDueOn(e.target.value)}
            />
          </Field>
        </div>
        <Field label="Note" error={noteError}>
          <Textarea
            name="note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What was done, or why the risk is accepted"
          />
        </Field>
        <div className="row">
          <Button
            variant="primary"
            size="small"
            type="submit"
            busy={update.pending}
            busyLabel="Saving…"
          >
            Save
          </Button>
          <FormMessage message={update.message} inline />
        </div>
      </form>
    </details>
  );
}
