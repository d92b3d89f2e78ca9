'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox, Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { useKeyedRows } from '@/components/ui/use-keyed-rows';
import { updateOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import type { OrgSettings } from '@/server/domain/tenancy/settings';
import { OfficeNetworksFieldset, type OfficeNetworkRow } from './office-networks-fieldset';

const NETWORKS = 'settings.officeNetworks';

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
  const [saved, setSaved] = useState(false);
  const networks = useKeyedRows<OfficeNetworkRow>(settings.officeNetworks);
  const update = useFormMutation(trpc.organization.update.mutationOptions(), {
    refresh: true,
    onSuccess: (data) => {
      // Show the networks as saved (normalized: `10.1.2.3/24` becomes `10.1.2.0/24`).
      networks.reset(data.settings.officeNetworks);
      setSaved(true);
    },
  });
  const invalidFields = Object.keys(update.serverFieldErrors);
  // Client-check messages no field shows by itself (office network rows show their own).
  const otherClientErrors = Object.entries(update.clientErrors)
    .filter(([path]) => path !== NETWORKS && !path.startsWith(`${NETWORKS}.`))
    .map(([, message]) => message);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const f = new FormData(event.currentTarget);
    const num = (k: string) => Number(f.get(k));
    const input = {
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
        officeNetworks: networks.rows.map(({ cidr, label }) => ({ cidr, label })),
        investigation: {
          pseudonymize: f.get('pseudonymize') === 'on',
          managersSeeReportSignals: f.get('managersSeeReportSignals') === 'on',
        },
        indicatorSharing: { hashed: f.get('hashedSharing') === 'on' },
      },
    };
    // The server's own schema first, so each bad row shows its message in place.
    if (!update.validate(updateOrganizationSchema, input)) return;
    update.mutate(input);
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Organization settings">
      <fieldset
        disabled={readOnly || update.pending}
        className={`stack bare${readOnly ? ' read-only' : ''}`}
      >
        <div className="card stack">
          <h2>Profile</h2>
          <div className="form-grid">
            <Field label="Organization name">
              <Input name="name" defaultValue={name} required minLength={2} maxLength={120} />
            </Field>
            <Field label="Time zone (IANA)">
              <Input
                name="timezone"
                defaultValue={settings.timezone}
                required
                placeholder="Europe/London"
              />
            </Field>
            <Field label="Working hours start">
              <Input
                name="workStart"
                type="time"
                defaultValue={settings.workingHours.start}
                required
              />
            </Field>
            <Field label="Working hours end">
              <Input name="workEnd" type="time" defaultValue={settings.workingHours.end} required />
            </Field>
          </div>
          <Field
            label="High-risk countries (ISO codes, separated by commas)"
            hint="Your organization's own list; used by the detectors and the access gate."
          >
            <Input
              name="highRiskCountries"
              defaultValue={settings.highRiskCountries.join(', ')}
              placeholder="KP, IR"
            />
          </Field>
        </div>
        <div className="card stack" data-testid="investigation-settings">
          <h2>Investigation privacy</h2>
          <Note>
            With pseudonyms on, signals, risk rankings and charts show “Person 7F3A-91C2” instead of
            a name to admins, compliance officers and managers until a case is opened on the person
            or a member with the reveal permission reveals them with a reason. Auditors see names
            and every reveal.
          </Note>
          <Checkbox
            name="pseudonymize"
            defaultChecked={settings.investigation.pseudonymize}
            label="Show pseudonyms in investigations"
          />
          <Checkbox
            name="managersSeeReportSignals"
            defaultChecked={settings.investigation.managersSeeReportSignals}
            label="Let managers see their direct reports’ signals"
          />
        </div>
        <div className="card stack" data-testid="sharing-settings">
          <h2>Indicator sharing</h2>
          <Note>
            Watchlist exports and the TAXII collection share impostor identifiers with other
            organizations. Hashed, they carry only SHA-256 of each normalized identifier: no names,
            sources or values, and the bundle does not name this organization.
          </Note>
          <Checkbox
            name="hashedSharing"
            defaultChecked={settings.indicatorSharing.hashed}
            label="Share indicators hashed"
          />
        </div>
        <OfficeNetworksFieldset
          networks={networks}
          errorFor={(path) => update.fieldError(`${NETWORKS}.${path}`)}
          listError={update.clientErrors[NETWORKS]}
          readOnly={readOnly}
        />
        <div className="grid cols-2">
          <div className="card stack">
            <h2>Vendor review cadence</h2>
            <Note>Months between periodic reviews, by vendor tier.</Note>
            <div className="form-grid">
              {TIERS.map((t) => (
                <Field key={t} label={t}>
                  <Input
                    name={`cadence.${t}`}
                    type="number"
                    min={1}
                    max={60}
                    defaultValue={settings.reviewCadenceMonths[t]}
                    required
                  />
                </Field>
              ))}
            </div>
          </div>
          <div className="card stack">
            <h2>Maximum grant duration</h2>
            <Note>Days an access grant may run, by privilege sensitivity.</Note>
            <div className="form-grid">
              {SENSITIVITIES.map((s) => (
                <Field key={s} label={s}>
                  <Input
                    name={`grant.${s}`}
                    type="number"
                    min={1}
                    max={3650}
                    defaultValue={settings.maxGrantDays[s]}
                    required
                  />
                </Field>
              ))}
            </div>
          </div>
        </div>
      </fieldset>
      {otherClientErrors.length > 0 && (
        <Alert tone="error" role="alert">
          {otherClientErrors.join(' · ')}
        </Alert>
      )}
      {update.invalid && otherClientErrors.length === 0 && (
        <Alert tone="error" role="alert">
          Fix the office networks marked above.
        </Alert>
      )}
      {update.message && (
        <Alert tone="error" role="alert">
          {update.message}
          {invalidFields.length > 0 && ` (${invalidFields.join(', ')})`}
        </Alert>
      )}
      {saved && (
        <Alert tone="ok" role="status">
          Settings saved.
        </Alert>
      )}
      {!readOnly && (
        <div>
          <Button variant="primary" type="submit" busy={update.pending} busyLabel="Saving…">
            Save settings
          </Button>
        </div>
      )}
    </form>
  );
}
