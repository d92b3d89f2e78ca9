'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { TrpcProviders, useTRPC } from '@/components/providers/trpc-provider';
import {
  validateAnswers,
  type AttestationTemplate,
  type Question,
} from '@/server/domain/attestations/template';

interface Props {
  token: string;
  template: AttestationTemplate;
  fullName: string;
}

function QuestionField({
  q,
  value,
  error,
  onChange,
}: {
  q: Question;
  value: string;
  error: string | undefined;
  onChange: (v: string) => void;
}) {
  const describedBy = error ? `${q.id}-error` : undefined;
  if (q.kind === 'text')
    return (
      <label>
        {q.prompt}
        <textarea
          name={q.id}
          rows={3}
          maxLength={4000}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {error && (
          <span className="field-error" id={describedBy}>
            {error}
          </span>
        )}
      </label>
    );
  const options = q.kind === 'yes_no' ? ['yes', 'no'] : (q.options ?? []);
  return (
    <fieldset
      className="stack"
      style={{ border: 'none', padding: 0, margin: 0, gap: 4 }}
      aria-describedby={describedBy}
    >
      <legend style={{ padding: 0, marginBottom: 4 }}>{q.prompt}</legend>
      <div className="row">
        {options.map((o) => (
          <label key={o} className="check">
            <input
              type="radio"
              name={q.id}
              value={o}
              checked={value === o}
              onChange={() => onChange(o)}
            />
            {q.kind === 'yes_no' ? (o === 'yes' ? 'Yes' : 'No') : o}
          </label>
        ))}
      </div>
      {error && (
        <span className="field-error" id={describedBy}>
          {error}
        </span>
      )}
    </fieldset>
  );
}

function Form({ token, template, fullName }: Props) {
  const trpc = useTRPC();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [signature, setSignature] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const sign = useMutation(trpc.attestations.sign.mutationOptions());
  const decline = useMutation(trpc.attestations.decline.mutationOptions());

  // A details question shows only once the question it explains was answered yes.
  const visible = template.questions.filter(
    (q) => !q.detailsFor || answers[q.detailsFor] === 'yes',
  );

  function onSign(e: FormEvent) {
    e.preventDefault();
    const given = Object.fromEntries(
      Object.entries(answers).filter(([k, v]) => v !== '' && visible.some((q) => q.id === k)),
    );
    const checked = validateAnswers(template, given);
    const next = checked.ok ? {} : { ...checked.errors };
    if (signature.trim().length < 2) next.signature = 'Type your full name to sign';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    sign.mutate({ token, answers: given, typedSignature: signature });
  }

  if (sign.data)
    return (
      <div className="alert alert-ok stack" role="status" data-testid="signed-receipt">
        <strong>Signed. Thank you.</strong>
        <span>
          Recorded at {sign.data.signedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC.
        </span>
        <span className="small">
          Fingerprint (SHA-256) of what you read and answered:{' '}
          <code className="break-anywhere">{sign.data.sha256}</code>
        </span>
        {sign.data.disclosures > 0 && (
          <span className="small">
            Your disclosure has been passed to the compliance team, who may contact you.
          </span>
        )}
        <span className="small">This link no longer works; you can close this page.</span>
      </div>
    );
  if (decline.data)
    return (
      <div className="alert alert-warn" role="status" data-testid="declined-receipt">
        You declined. Compliance has been told and may contact you. This link no longer works.
      </div>
    );

  return (
    <div className="stack">
      <form className="stack" onSubmit={onSign} aria-label="Sign the attestation">
        {visible.map((q) => (
          <QuestionField
            key={q.id}
            q={q}
            value={answers[q.id] ?? ''}
            error={errors[q.id]}
            onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
          />
        ))}
        <label>
          Type your full name to sign ({fullName})
          <input
            name="signature"
            autoComplete="name"
            value={signature}
            onChange={(e) => setSignature(e.target.value)}
            aria-invalid={errors.signature ? true : undefined}
          />
          {errors.signature && <span className="field-error">{errors.signature}</span>}
        </label>
        {Object.keys(errors).length > 0 && (
          <div className="alert alert-error" role="alert">
            Some answers need attention: see the messages above.
          </div>
        )}
        {sign.error && (
          <div className="alert alert-error" role="alert">
            {sign.error.message}
          </div>
        )}
        <div className="row">
          <button className="btn btn-primary" type="submit" disabled={sign.isPending}>
            {sign.isPending ? 'Signing…' : 'Sign'}
          </button>
          {!declining && (
            <button type="button" className="btn btn-link" onClick={() => setDeclining(true)}>
              I do not want to sign
            </button>
          )}
        </div>
      </form>
      {declining && (
        <form
          className="stack card"
          aria-label="Decline"
          onSubmit={(e) => {
            e.preventDefault();
            decline.mutate({ token, reason });
          }}
        >
          <label>
            Why do you decline?
            <textarea
              name="reason"
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {decline.error && (
            <div className="alert alert-error" role="alert">
              {decline.error.message}
            </div>
          )}
          <div className="row">
            <button className="btn btn-danger" type="submit" disabled={decline.isPending}>
              Decline
            </button>
            <button type="button" className="btn" onClick={() => setDeclining(false)}>
              Back to signing
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function SigningForm(props: Props) {
  return (
    <TrpcProviders>
      <Form {...props} />
    </TrpcProviders>
  );
}
