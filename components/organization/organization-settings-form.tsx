'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import type { OrgSettings } from '@/server/domain/tenancy/settings';

const SENSITIVITIES = ['low', 'medium', 'high', 'critical'] as const;
const TIERS = ['critical', 'high', 'medium', 'low'] as const;

export function OrganizationSettingsForm({
  name,
  settings,
  readOnly,
}: {
  name: string;
  settings: OrgSettings;
  readOnly: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.organization.update.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );
  const fieldErrors = (update.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)
    ?.fieldErrors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const f = new FormData(event.currentTarget);
    const num = (k: string) => Number(f.get(k));
    update.mutate({
      name: String(f.get('name') ?? ''),
      settings: {
        timezone: String(f.get('timezone') ?? ''),
        workingHours: {
          start: String(f.get('workStart') ?? ''),
          end: String(f.get('workEnd') ?? ''),
        },
        highRiskCountries: String(f.get('highRiskCountries') ?? '')
          .split(/[\s,;]+/)
          .filter(Boolean),
        reviewCadenceMonths: Object.fromEntries(
          TIERS.map((t) => [t, num(`cadence.${t}`)]),
        ) as OrgSettings['reviewCadenceMonths'],
        maxGrantDays: Object.fromEntries(
          SENSITIVITIES.map((s) => [s, num(`grant.${s}`)]),
        ) as OrgSettings['maxGrantDays'],
      },
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Organization settings">
      <fieldset
        disabled={readOnly || update.isPending}
        style={{ border: 'none', padding: 0 }}
        className="stack"
      >
        <div className="card stack">
          <h2>Profile</h2>
          <div className="form-grid">
            <label>
              Organization name
              <input name="name" defaultValue={name} required minLength={2} maxLength={120} />
            </label>
            <label>
              Time zone (IANA)
              <input
                name="timezone"
                defaultValue={settings.timezone}
                required
                placeholder="Europe/London"
              />
            </label>
            <label>
              Working hours start
              <input
                name="workStart"
                type="time"
                defaultValue={settings.workingHours.start}
                required
              />
            </label>
            <label>
              Working hours end
              <input name="workEnd" type="time" defaultValue={settings.workingHours.end} required />
            </label>
          </div>
          <label>
            High-risk countries (ISO codes, separated by commas)
            <input
              name="highRiskCountries"
              defaultValue={settings.highRiskCountries.join(', ')}
              placeholder="KP, IR"
            />
            <span className="muted small">
              Your organization&apos;s own list; used by the detectors and the access gate.
            </span>
          </label>
        </div>
        <div className="grid cols-2">
          <div className="card stack">
            <h2>Vendor review cadence</h2>
            <p className="muted small flush">Months between periodic reviews, by vendor tier.</p>
            <div className="form-grid">
              {TIERS.map((t) => (
                <label key={t}>
                  {t}
                  <input
                    name={`cadence.${t}`}
                    type="number"
                    min={1}
                    max={60}
                    defaultValue={settings.reviewCadenceMonths[t]}
                    required
                  />
                </label>
              ))}
            </div>
          </div>
          <div className="card stack">
            <h2>Maximum grant duration</h2>
            <p className="muted small flush">
              Days an access grant may run, by privilege sensitivity.
            </p>
            <div className="form-grid">
              {SENSITIVITIES.map((s) => (
                <label key={s}>
                  {s}
                  <input
                    name={`grant.${s}`}
                    type="number"
                    min={1}
                    max={3650}
                    defaultValue={settings.maxGrantDays[s]}
                    required
                  />
                </label>
              ))}
            </div>
          </div>
        </div>
      </fieldset>
      {update.error && (
        <div className="alert alert-error" role="alert">
          {update.error.message}
          {fieldErrors &&
            Object.keys(fieldErrors).length > 0 &&
            ` (${Object.keys(fieldErrors).join(', ')})`}
        </div>
      )}
      {saved && (
        <div className="alert alert-ok" role="status">
          Settings saved.
        </div>
      )}
      {!readOnly && (
        <div>
          <button className="btn btn-primary" type="submit" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      )}
    </form>
  );
}
