'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { updateRetentionSchema } from '@/server/domain/retention/inputs';
import {
  RETENTION_BOUNDS,
  RETENTION_KEYS,
  type RetentionKey,
  type RetentionSettings,
} from '@/server/domain/retention/settings';

const LABELS: Record<RetentionKey, { label: string; hint: string }> = {
  accessEventsMonths: {
    label: 'Access events (months)',
    hint: 'Raw log events: logins, downloads, exports. Signals keep a copy of their evidence.',
  },
  signalsMonths: {
    label: 'Signals (months)',
    hint: 'Counted from the end of the signal’s window. Signals in a case stay while the case does.',
  },
  closedCasesMonths: {
    label: 'Closed cases (months)',
    hint: 'Counted from closing, with their timeline. Open cases are never deleted.',
  },
};

export function RetentionForm({
  settings,
  readOnly,
}: {
  settings: RetentionSettings;
  readOnly: boolean;
}) {
  const trpc = useTRPC();
  const [saved, setSaved] = useState(false);
  const update = useFormMutation(trpc.retention.update.mutationOptions(), {
    refresh: true,
    fields: RETENTION_KEYS,
    onSuccess: () => setSaved(true),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const f = new FormData(event.currentTarget);
    const input = Object.fromEntries(RETENTION_KEYS.map((k) => [k, Number(f.get(k))]));
    if (!update.validate(updateRetentionSchema, input)) return;
    update.mutate(input as RetentionSettings);
  }

  return (
    // The schema's messages show by each field, so the browser's own range check stays out.
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label="Retention limits">
      <h2>Retention limits</h2>
      <Note>
        A limit of N months keeps the current month and the N months before it. The daily retention
        run deletes what is older; whole months of access events are dropped once every
        organization’s limit has passed them.
      </Note>
      <fieldset disabled={readOnly || update.pending} className="bare">
        <div className="form-grid align-start">
          {RETENTION_KEYS.map((k) => (
            <Field
              key={k}
              label={LABELS[k].label}
              hint={`${LABELS[k].hint} ${RETENTION_BOUNDS[k].min}–${RETENTION_BOUNDS[k].max}, default ${RETENTION_BOUNDS[k].default}.`}
              error={update.fieldError(k)}
            >
              <Input
                name={k}
                type="number"
                min={RETENTION_BOUNDS[k].min}
                max={RETENTION_BOUNDS[k].max}
                defaultValue={settings[k]}
                required
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <FormMessage message={update.message} />
      {saved && (
        <Alert tone="ok" role="status">
          Retention limits saved. The next daily run applies them.
        </Alert>
      )}
      {!readOnly && (
        <div>
          <Button variant="primary" type="submit" busy={update.pending} busyLabel="Saving…">
            Save limits
          </Button>
        </div>
      )}
    </form>
  );
}
