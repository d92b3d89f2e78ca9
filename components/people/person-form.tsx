'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { formatDateTime } from '@/components/ui/format';
import { IDENTIFIER_KINDS, type IdentifierKind } from '@/server/domain/inventory/identifiers';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import {
  BACKGROUND_CHECK_STATUSES,
  PERSON_TYPES,
  WORK_MODES,
  type PersonType,
} from '@/server/domain/inventory/person';
import {
  BACKGROUND_CHECK_LABELS,
  IDENTIFIER_LABELS,
  IDENTIFIER_PLACEHOLDERS,
  PERSON_TYPE_LABELS,
  WORK_MODE_LABELS,
} from './labels';
import { FormActions } from '@/components/ui/form-actions';

type PersonInput = z.input<typeof personInputSchema>;

export interface PersonFormValues {
  email: string;
  fullName: string;
  type: PersonType;
  vendorId: string | null;
  department: string | null;
  title: string | null;
  managerId: string | null;
  location: string | null;
  country: string | null;
  timezone: string | null;
  workMode: (typeof WORK_MODES)[number] | null;
  startDate: string | null;
  endDate: string | null;
  identifiers: { kind: IdentifierKind; value: string }[];
  identityVerifiedAt: Date | null;
  backgroundCheckStatus: (typeof BACKGROUND_CHECK_STATUSES)[number];
  backgroundCheckAt: string | null;
}

export const EMPTY_PERSON: PersonFormValues = {
  email: '',
  fullName: '',
  type: 'employee',
  vendorId: null,
  department: null,
  title: null,
  managerId: null,
  location: null,
  country: null,
  timezone: null,
  workMode: null,
  startDate: null,
  endDate: null,
  identifiers: [],
  identityVerifiedAt: null,
  backgroundCheckStatus: 'not_started',
  backgroundCheckAt: null,
};

interface IdentifierRow {
  key: number;
  kind: IdentifierKind;
  value: string;
}

type FieldErrors = Partial<Record<string, string[]>>;

const takesVendor = (t: PersonType) => t === 'contractor' || t === 'vendor_staff';

export function PersonForm({
  personId,
  initial,
  vendors,
  managers,
  timezones,
}: {
  /** Absent when creating. */
  personId?: string;
  initial: PersonFormValues;
  vendors: { id: string; name: string; status: string }[];
  managers: { id: string; fullName: string; email: string }[];
  timezones: string[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [type, setType] = useState<PersonType>(initial.type);
  const nextKey = useRef(initial.identifiers.length);
  const [rows, setRows] = useState<IdentifierRow[]>(() =>
    initial.identifiers.map((i, key) => ({ key, ...i })),
  );
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const onSuccess = ({ id }: { id: string }) => router.push(`/people/${id}`);
  const create = useMutation(trpc.people.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.people.update.mutationOptions({ onSuccess }));
  const mutation = personId ? update : create;
  const serverErrors = (mutation.error?.data as { fieldErrors?: FieldErrors } | undefined)
    ?.fieldErrors;
  const fieldErrors: FieldErrors = clientErrors ?? serverErrors ?? {};
  const busy = mutation.isPending || mutation.isSuccess;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const text = (name: string) => String(f.get(name) ?? '').trim();
    const optional = (name: string) => text(name) || undefined;
    const input: PersonInput = {
      email: text('email'),
      fullName: text('fullName'),
      type,
      vendorId: takesVendor(type) ? optional('vendorId') : undefined,
      department: optional('department'),
      title: optional('title'),
      managerId: optional('managerId'),
      location: optional('location'),
      country: optional('country')?.toUpperCase(),
      timezone: optional('timezone'),
      workMode: optional('workMode') as PersonInput['workMode'],
      startDate: optional('startDate'),
      endDate: optional('endDate'),
      identifiers: rows
        .filter((r) => r.value.trim() !== '')
        .map((r) => ({ kind: r.kind, value: r.value.trim() })),
      identityVerified: f.get('identityVerified') === 'on',
      backgroundCheckStatus: text('backgroundCheckStatus') as PersonInput['backgroundCheckStatus'],
      backgroundCheckAt: optional('backgroundCheckAt'),
    };
    // The server validates again; checking here first puts each message next to its field.
    const checked = personInputSchema.safeParse(input);
    if (!checked.success) {
      setClientErrors(z.flattenError(checked.error).fieldErrors);
      mutation.reset();
      return;
    }
    setClientErrors(null);
    if (personId) update.mutate({ personId, person: input });
    else create.mutate(input);
  }

  const err = (name: string) =>
    fieldErrors[name]?.[0] && (
      <span className="field-error" id={`${name}-error`}>
        {fieldErrors[name]?.[0]}
      </span>
    );
  const described = (name: string) =>
    fieldErrors[name]?.[0] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {};

  return (
    <form onSubmit={onSubmit} aria-label={personId ? 'Edit person' : 'New person'} noValidate>
      <fieldset disabled={busy} style={{ border: 'none', padding: 0, margin: 0, minWidth: 0 }}>
        <div className="card stack">
          <h2>Profile</h2>
          <div className="form-grid" style={{ alignItems: 'start' }}>
            <label>
              Full name
              <input
                name="fullName"
                defaultValue={initial.fullName}
                required
                maxLength={200}
                autoComplete="off"
                {...described('fullName')}
              />
              {err('fullName')}
            </label>
            <label>
              Email
              <input
                name="email"
                type="email"
                defaultValue={initial.email}
                required
                maxLength={254}
                autoComplete="off"
                placeholder="name@company.com"
                {...described('email')}
              />
              {err('email')}
            </label>
            <label>
              Type
              <select
                name="type"
                value={type}
                onChange={(e) => setType(e.target.value as PersonType)}
              >
                {PERSON_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {PERSON_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </label>
            {takesVendor(type) && (
              <label>
                Vendor
                <select
                  name="vendorId"
                  defaultValue={initial.vendorId ?? ''}
                  required={type === 'vendor_staff'}
                  {...described('vendorId')}
                >
                  <option value="">{type === 'vendor_staff' ? 'Choose a vendor…' : 'None'}</option>
                  {vendors.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.status === 'active' ? v.name : `${v.name} (${v.status})`}
                    </option>
                  ))}
                </select>
                {err('vendorId')}
              </label>
            )}
            <label>
              Department
              <input name="department" defaultValue={initial.department ?? ''} maxLength={120} />
            </label>
            <label>
              Title
              <input name="title" defaultValue={initial.title ?? ''} maxLength={120} />
            </label>
          </div>
        </div>

        <div className="card stack">
          <h2>Employment</h2>
          <div className="form-grid" style={{ alignItems: 'start' }}>
            <label>
              Manager
              <select
                name="managerId"
                defaultValue={initial.managerId ?? ''}
                {...described('managerId')}
              >
                <option value="">No manager</option>
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.fullName} ({m.email})
                  </option>
                ))}
              </select>
              {err('managerId')}
            </label>
            <label>
              Start date
              <input
                name="startDate"
                type="date"
                defaultValue={initial.startDate ?? ''}
                {...described('startDate')}
              />
              {err('startDate')}
            </label>
            <label>
              End date
              <input
                name="endDate"
                type="date"
                defaultValue={initial.endDate ?? ''}
                {...described('endDate')}
              />
              {err('endDate')}
            </label>
            <label>
              Work mode
              <select name="workMode" defaultValue={initial.workMode ?? ''}>
                <option value="">Not recorded</option>
                {WORK_MODES.map((m) => (
                  <option key={m} value={m}>
                    {WORK_MODE_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Location
              <input
                name="location"
                defaultValue={initial.location ?? ''}
                maxLength={200}
                placeholder="City or office"
              />
            </label>
            <label>
              Country
              <input
                name="country"
                defaultValue={initial.country ?? ''}
                maxLength={2}
                placeholder="Two letters, e.g. PH"
                autoComplete="off"
                {...described('country')}
              />
              {err('country')}
            </label>
            <label>
              Time zone
              <input
                name="timezone"
                defaultValue={initial.timezone ?? ''}
                list="person-timezones"
                placeholder="e.g. Asia/Manila"
                autoComplete="off"
                {...described('timezone')}
              />
              {err('timezone')}
            </label>
          </div>
          <datalist id="person-timezones">
            {timezones.map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
        </div>

        <div className="card stack">
          <div>
            <h2>Identifiers</h2>
            <p className="muted small" style={{ margin: '4px 0 0' }}>
              Accounts and handles this person uses elsewhere. They are stored normalized so
              screening matches exactly; the email above is always included. Phone numbers without a
              country code use the country above.
            </p>
          </div>
          {rows.length === 0 ? (
            <p className="muted small" style={{ margin: 0 }}>
              No identifiers besides the email.
            </p>
          ) : (
            <div className="stack" style={{ gap: 8 }}>
              {rows.map((row, index) => (
                <div
                  key={row.key}
                  className="row"
                  style={{ flexWrap: 'nowrap' }}
                  data-testid="identifier-row"
                >
                  <select
                    aria-label={`Identifier ${index + 1} kind`}
                    value={row.kind}
                    style={{ width: 150, flex: 'none' }}
                    onChange={(e) =>
                      setRows((all) =>
                        all.map((r) =>
                          r.key === row.key ? { ...r, kind: e.target.value as IdentifierKind } : r,
                        ),
                      )
                    }
                  >
                    {IDENTIFIER_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {IDENTIFIER_LABELS[k]}
                      </option>
                    ))}
                  </select>
                  <input
                    aria-label={`Identifier ${index + 1} value`}
                    value={row.value}
                    maxLength={300}
                    placeholder={IDENTIFIER_PLACEHOLDERS[row.kind]}
                    style={{ flex: 1 }}
                    autoComplete="off"
                    onChange={(e) =>
                      setRows((all) =>
                        all.map((r) => (r.key === row.key ? { ...r, value: e.target.value } : r)),
                      )
                    }
                  />
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Remove identifier ${index + 1}`}
                    onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                  >
                    Remove
                  </button>
                </div>
              ))}
            </div>
          )}
          {err('identifiers')}
          <div>
            <button
              type="button"
              className="btn btn-small"
              disabled={rows.length >= 50}
              onClick={() =>
                setRows((all) => [...all, { key: nextKey.current++, kind: 'github', value: '' }])
              }
            >
              Add identifier
            </button>
          </div>
        </div>

        <div className="card stack">
          <h2>Screening</h2>
          <label className="check">
            <input
              type="checkbox"
              name="identityVerified"
              defaultChecked={initial.identityVerifiedAt !== null}
            />
            Identity verified
            {initial.identityVerifiedAt && (
              <span className="muted small">
                (since {formatDateTime(initial.identityVerifiedAt)})
              </span>
            )}
          </label>
          <div className="form-grid" style={{ alignItems: 'start' }}>
            <label>
              Background check
              <select name="backgroundCheckStatus" defaultValue={initial.backgroundCheckStatus}>
                {BACKGROUND_CHECK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {BACKGROUND_CHECK_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Background check date
              <input
                name="backgroundCheckAt"
                type="date"
                defaultValue={initial.backgroundCheckAt ?? ''}
                {...described('backgroundCheckAt')}
              />
              {err('backgroundCheckAt')}
            </label>
          </div>
        </div>
      </fieldset>

      <FormActions
        clientErrors={Boolean(clientErrors)}
        serverError={mutation.error?.message}
        busy={busy}
        submitLabel={personId ? 'Save changes' : 'Create person'}
        cancelHref={personId ? `/people/${personId}` : '/people'}
      />
    </form>
  );
}
