'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { SeverityBadge } from '@/components/signals/labels';
import { formatDate } from '@/components/ui/format';
import {
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type FindingSeverity,
  type FindingStatus,
} from '@/server/domain/vendor-reviews/review';
import { FindingStatusBadge } from './badges';
import { FINDING_STATUS_LABELS } from './labels';

interface Finding {
  id: string;
  title: string;
  severity: FindingSeverity;
  remediation: string;
  status: FindingStatus;
  statusNote: string | null;
  ownerUserId: string | null;
  owner: string | null;
  dueOn: string | null;
}

type Owner = { id: string; email: string };

export function FindingsPanel({
  reviewId,
  findings,
  owners,
  canAdd,
  canUpdate,
}: {
  reviewId: string;
  findings: Finding[];
  owners: Owner[];
  canAdd: boolean;
  canUpdate: boolean;
}) {
  return (
    <div className="stack">
      {findings.length === 0 ? (
        <p className="muted small" style={{ margin: 0 }}>
          No findings recorded
          {canAdd ? ': record each gap with a remediation task and an owner.' : '.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table data-testid="findings" className="rows-top">
            <thead>
              <tr>
                <th>Finding</th>
                <th>Severity</th>
                <th>Owner</th>
                <th>Due</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => (
                <tr key={f.id} data-testid={`finding-${f.title}`}>
                  <td style={{ maxWidth: 380 }}>
                    <div style={{ fontWeight: 600 }}>{f.title}</div>
                    <div className="small" style={{ whiteSpace: 'pre-line' }}>
                      <span className="muted">Remediation:</span> {f.remediation}
                    </div>
                    {f.statusNote && <div className="muted small">Note: {f.statusNote}</div>}
                    {canUpdate && (
                      // Until the decision the finding itself can be corrected; after it, only
                      // its remediation moves along.
                      <UpdateFinding finding={f} owners={owners} editTerms={canAdd} />
                    )}
                  </td>
                  <td>
                    <SeverityBadge severity={f.severity} />
                  </td>
                  <td className="small">{f.owner ?? <span className="muted">No owner</span>}</td>
                  <td className="small">{formatDate(f.dueOn)}</td>
                  <td>
                    <FindingStatusBadge status={f.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canAdd && <AddFinding reviewId={reviewId} owners={owners} />}
    </div>
  );
}

function AddFinding({ reviewId, owners }: { reviewId: string; owners: Owner[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<FindingSeverity>('medium');
  const [remediation, setRemediation] = useState('');
  const [ownerUserId, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [touched, setTouched] = useState(false);
  const add = useMutation(
    trpc.vendorReviews.addFinding.mutationOptions({
      onSuccess: () => {
        setTitle('');
        setRemediation('');
        setDueOn('');
        setTouched(false);
        setOpen(false);
        router.refresh();
      },
    }),
  );
  const server: Record<string, string[] | undefined> = add.error?.data?.fieldErrors ?? {};
  const titleError =
    (touched && title.trim().length < 3 ? 'Give the finding a title' : undefined) ??
    server.title?.[0];
  const remediationError =
    (touched && remediation.trim().length < 5
      ? 'Describe the remediation task (at least 5 characters)'
      : undefined) ?? server.remediation?.[0];

  if (!open)
    return (
      <div>
        <button
          className="btn"
          type="button"
          onClick={() => setOpen(true)}
          data-testid="add-finding"
        >
          Record a finding
        </button>
      </div>
    );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (title.trim().length < 3 || remediation.trim().length < 5) return;
    add.mutate({
      reviewId,
      title,
      severity,
      remediation,
      ownerUserId: ownerUserId || null,
      dueOn: dueOn || null,
    });
  }

  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      aria-label="Record a finding"
      data-testid="finding-form"
    >
      <div className="form-grid">
        <label>
          Title
          <input
            name="title"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={() => title && setTouched(true)}
            aria-invalid={titleError ? true : undefined}
          />
          {titleError && <span className="field-error">{titleError}</span>}
        </label>
        <SeveritySelect value={severity} onChange={setSeverity} />
        <OwnerSelect owners={owners} value={ownerUserId} onChange={setOwner} none="No owner yet" />
        <label>
          Remediation due
          <input
            type="date"
            name="dueOn"
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
          />
        </label>
      </div>
      <label>
        Remediation task
        <textarea
          name="remediation"
          rows={2}
          maxLength={5000}
          value={remediation}
          onChange={(e) => setRemediation(e.target.value)}
          placeholder="What the vendor must do, and how we will verify it"
          aria-invalid={remediationError ? true : undefined}
        />
        {remediationError && <span className="field-error">{remediationError}</span>}
      </label>
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={add.isPending}>
          {add.isPending ? 'Recording…' : 'Record finding'}
        </button>
        <button className="btn" type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        {add.error && !server.title && !server.remediation && (
          <span className="field-error" role="alert">
            {add.error.message}
          </span>
        )}
      </div>
    </form>
  );
}

function UpdateFinding({
  finding,
  owners,
  editTerms,
}: {
  finding: Finding;
  owners: Owner[];
  editTerms: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [title, setTitle] = useState(finding.title);
  const [severity, setSeverity] = useState<FindingSeverity>(finding.severity);
  const [remediation, setRemediation] = useState(finding.remediation);
  const [status, setStatus] = useState<FindingStatus>(finding.status);
  const [ownerUserId, setOwner] = useState(finding.ownerUserId ?? '');
  const [dueOn, setDueOn] = useState(finding.dueOn ?? '');
  const [note, setNote] = useState('');
  const update = useMutation(
    trpc.vendorReviews.updateFinding.mutationOptions({
      onSuccess: () => {
        setNote('');
        router.refresh();
      },
    }),
  );
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
    <details style={{ marginTop: 6 }}>
      <summary className="small">{editTerms ? 'Edit finding' : 'Update remediation'}</summary>
      <form className="stack" onSubmit={onSubmit} aria-label={`Update ${finding.title}`}>
        {editTerms && (
          <>
            <div className="form-grid">
              <label>
                Title
                <input
                  name="title"
                  value={title}
                  maxLength={200}
                  onChange={(e) => setTitle(e.target.value)}
                />
              </label>
              <SeveritySelect value={severity} onChange={setSeverity} />
            </div>
            <label>
              Remediation
              <textarea
                name="remediation"
                rows={2}
                maxLength={5000}
                value={remediation}
                onChange={(e) => setRemediation(e.target.value)}
              />
            </label>
          </>
        )}
        <div className="form-grid">
          <ChoiceSelect
            label="Status"
            name="status"
            value={status}
            choices={FINDING_STATUSES}
            labelOf={(s) => FINDING_STATUS_LABELS[s]}
            onChange={setStatus}
          />
          <OwnerSelect owners={owners} value={ownerUserId} onChange={setOwner} none="No owner" />
          <label>
            Due
            <input
              type="date"
              name="dueOn"
              value={dueOn}
              onChange={(e) => setDueOn(e.target.value)}
            />
          </label>
        </div>
        <label>
          Note
          <textarea
            name="note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What was done, or why the risk is accepted"
            aria-invalid={noteError ? true : undefined}
          />
          {noteError && <span className="field-error">{noteError}</span>}
        </label>
        <div className="row">
          <button className="btn btn-small btn-primary" type="submit" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
          {update.error && (
            <span className="field-error" role="alert">
              {update.error.message}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}

function SeveritySelect({
  value,
  onChange,
}: {
  value: FindingSeverity;
  onChange: (severity: FindingSeverity) => void;
}) {
  return (
    <ChoiceSelect
      label="Severity"
      name="severity"
      value={value}
      choices={FINDING_SEVERITIES}
      onChange={onChange}
    />
  );
}

/** A labelled select over a fixed list of values (severity, status). */
function ChoiceSelect<T extends string>({
  label,
  name,
  value,
  choices,
  labelOf = (v) => v,
  onChange,
}: {
  label: string;
  name: string;
  value: T;
  choices: readonly T[];
  labelOf?: (value: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {labelOf(c)}
          </option>
        ))}
      </select>
    </label>
  );
}

function OwnerSelect({
  owners,
  value,
  onChange,
  none,
}: {
  owners: Owner[];
  value: string;
  onChange: (ownerUserId: string) => void;
  /** What choosing nobody is called here. */
  none: string;
}) {
  return (
    <label>
      Owner
      <select name="owner" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.email}
          </option>
        ))}
      </select>
    </label>
  );
}
