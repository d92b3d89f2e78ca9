'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import {
  audienceSchema,
  SKIP_REASON_LABELS,
  type Audience,
} from '@/server/domain/attestations/campaign';
import { SENSITIVITIES } from '@/server/domain/inventory/system';

interface Props {
  templates: { id: string; title: string; version: number }[];
  vendors: { id: string; name: string }[];
  defaultDueDate: string;
}

type AudienceKind = Audience['kind'];

/** Launch a campaign: template, audience with a live count of who will be asked, due date. */
export function LaunchCampaignForm({ templates, vendors, defaultDueDate }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [kind, setKind] = useState<AudienceKind>('all_staff');
  const [vendorId, setVendorId] = useState(vendors[0]?.id ?? '');
  const [minLevel, setMinLevel] = useState<(typeof SENSITIVITIES)[number]>('high');
  const [dueDate, setDueDate] = useState(defaultDueDate);

  const candidate =
    kind === 'all_staff'
      ? { kind }
      : kind === 'vendor_staff'
        ? { kind, vendorId }
        : { kind, minLevel };
  const parsed = audienceSchema.safeParse(candidate);
  const audience = parsed.success ? parsed.data : null;
  const preview = useQuery(
    trpc.attestations.previewAudience.queryOptions(audience ? { audience } : skipToken),
  );
  const launch = useFormMutation(trpc.attestations.launch.mutationOptions(), {
    fields: ['name', 'templateId', 'audience', 'dueDate'],
    onSuccess: ({ campaignId }) => router.push(`/attestations/${campaignId}?launched=1`),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!audience) return;
    launch.mutate({ name, templateId, audience, dueDate });
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Launch a campaign">
      <div className="form-grid">
        <Field label="Name" error={launch.fieldError('name')}>
          <Input
            name="name"
            value={name}
            maxLength={160}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Anti-bribery Q4 2026"
          />
        </Field>
        <Field label="Template">
          <Select
            name="templateId"
            value={templateId}
            onChange={(e) => setTemplateId(e.target.value)}
          >
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title} (v{t.version})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Audience">
          <Select
            name="audience"
            value={kind}
            onChange={(e) => setKind(e.target.value as AudienceKind)}
          >
            <option value="all_staff">All staff</option>
            <option value="vendor_staff">A vendor&apos;s staff</option>
            <option value="sensitivity">People holding access of a sensitivity</option>
          </Select>
        </Field>
        {kind === 'vendor_staff' && (
          <Field label="Vendor">
            <Select name="vendorId" value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
              {vendors.length === 0 && <option value="">No vendors yet</option>}
              {vendors.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {kind === 'sensitivity' && (
          <Field label="Holding at least">
            <Select
              name="minLevel"
              value={minLevel}
              onChange={(e) => setMinLevel(e.target.value as (typeof SENSITIVITIES)[number])}
            >
              <Options values={SENSITIVITIES} />
            </Select>
          </Field>
        )}
        <Field label="Due date" error={launch.fieldError('dueDate')}>
          <Input
            type="date"
            name="dueDate"
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
          />
        </Field>
      </div>
      <div className="small" aria-live="polite" data-testid="audience-preview">
        {!audience ? (
          <span className="muted">Choose a vendor to see who will be asked.</span>
        ) : preview.isPending ? (
          <span className="muted">Counting…</span>
        ) : preview.error ? (
          <span className="field-error">{preview.error.message}</span>
        ) : preview.data ? (
          <>
            <strong>
              {preview.data.recipients} {preview.data.recipients === 1 ? 'person' : 'people'}
            </strong>{' '}
            will get a link
            {preview.data.sample.length > 0 && (
              <span className="muted">
                {' '}
                ({preview.data.sample.join(', ')}
                {preview.data.recipients > preview.data.sample.length ? ', …' : ''})
              </span>
            )}
            .
            {preview.data.skippedCount > 0 && (
              <Alert tone="warn" className="mt-8">
                {preview.data.skippedCount} cannot be asked:{' '}
                {preview.data.skipped
                  .map((s) => `${s.fullName} ${SKIP_REASON_LABELS[s.reason]}`)
                  .join('; ')}
                .
              </Alert>
            )}
          </>
        ) : null}
      </div>
      <FormMessage message={launch.message} />
      <div className="row">
        <Button
          variant="primary"
          type="submit"
          busy={launch.pending}
          busyLabel="Launching…"
          disabled={!audience || preview.data?.recipients === 0}
        >
          Launch campaign
        </Button>
      </div>
    </form>
  );
}
