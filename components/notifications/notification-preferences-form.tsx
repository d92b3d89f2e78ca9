'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type {
  NotificationCategory,
  NotificationSetting,
} from '@/server/domain/notifications/categories';

export interface PreferenceRow {
  category: NotificationCategory;
  label: string;
  description: string;
  options: NotificationSetting[];
  setting: NotificationSetting;
  defaultSetting: NotificationSetting;
}

const SETTING_LABELS: Record<NotificationSetting, string> = {
  on: 'On',
  off: 'Off',
  immediate: 'At once',
  daily: 'Daily digest',
};

/** The signed-in member's own mail preferences, saved together. */
export function NotificationPreferencesForm({ rows }: { rows: PreferenceRow[] }) {
  const trpc = useTRPC();
  const [values, setValues] = useState(
    () => new Map(rows.map((r) => [r.category, r.setting] as const)),
  );
  const [saved, setSaved] = useState<string[] | null>(null);
  const update = useFormMutation(trpc.notifications.update.mutationOptions(), {
    refresh: true,
    onSuccess: (data) => setSaved(data.changed),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    update.mutate({
      preferences: rows.map((r) => ({
        category: r.category,
        setting: values.get(r.category) ?? r.setting,
      })),
    });
  }

  return (
    <form className="card stack" onSubmit={onSubmit} aria-label="Notification preferences">
      <fieldset disabled={update.pending} className="stack bare">
        {rows.map((r) => (
          <Field key={r.category} label={r.label} hint={r.description}>
            <Select
              name={r.category}
              value={values.get(r.category) ?? r.setting}
              onChange={(e) => {
                const v = e.target.value as NotificationSetting;
                setSaved(null);
                setValues((m) => new Map(m).set(r.category, v));
              }}
            >
              <Options
                values={r.options}
                labelOf={(v) =>
                  `${SETTING_LABELS[v]}${v === r.defaultSetting ? ' (default for your role)' : ''}`
                }
              />
            </Select>
          </Field>
        ))}
      </fieldset>
      <FormMessage message={update.message} />
      {saved && (
        <Alert tone="ok" role="status" testId="notifications-saved">
          {saved.length === 0 ? 'Nothing changed.' : 'Saved.'}
        </Alert>
      )}
      <div className="row">
        <Button variant="primary" type="submit" busy={update.pending} busyLabel="Saving…">
          Save preferences
        </Button>
      </div>
    </form>
  );
}
