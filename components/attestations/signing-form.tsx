'use client';

import { useState, type FormEvent } from 'react';
import { TrpcProviders, useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Radio, Textarea } from '@/components/ui/controls';
import { Field, FieldError } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
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
      <Field label={q.prompt} error={error}>
        <Textarea
          name={q.id}
          rows={3}
          maxLength={4000}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </Field>
    );
  const options = q.kind === 'yes_no' ? ['yes', 'no'] : (q.options ?? []);
  return (
    <fieldset className="stack bare gap-4" aria-describedby={describedBy}>
      <legend className="question-legend">{q.prompt}</legend>
      <div className="row">
        {options.map((o) => (
          <Radio
            key={o}
            name={q.id}
            value={o}
            checked={value === o}
            onChange={() => onChange(o)}
            label={q.kind === 'yes_no' ? (o === 'yes' ? 'Yes' : 'No') : o}
          />
        ))}
      </div>
      <FieldError id={describedBy} message={error} />
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
  const sign = useFormMutation(trpc.attestations.sign.mutationOptions());
  const decline = useFormMutation(trpc.attestations.decline.mutationOptions());

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
      <Alert tone="ok" role="status" testId="signed-receipt" className="stack">
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
      </Alert>
    );
  if (decline.data)
    return (
      <Alert tone="warn" role="status" testId="declined-receipt">
        You declined. Compliance has been told and may contact you. This link no longer works.
      </Alert>
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
        <Field label={`Type your full name to sign (${fullName})`} error={errors.signature}>
          <Input
            name="signature"
            autoComplete="name"
            value={signature}
            onChange={(e) => setSignature(e.target.value)}
          />
        </Field>
        {Object.keys(errors).length > 0 && (
          <Alert tone="error" role="alert">
            Some answers need attention: see the messages above.
          </Alert>
        )}
        <FormMessage message={sign.message} />
        <div className="row">
          <Button variant="primary" type="submit" busy={sign.pending} busyLabel="Signing…">
            Sign
          </Button>
          {!declining && (
            <Button variant="link" className="btn" onClick={() => setDeclining(true)}>
              I do not want to sign
            </Button>
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
          <Field label="Why do you decline?">
            <Textarea
              name="reason"
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Field>
          <FormMessage message={decline.message} />
          <div className="row">
            <Button variant="danger" type="submit" disabled={decline.pending}>
              Decline
            </Button>
            <Button onClick={() => setDeclining(false)}>Back to signing</Button>
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
