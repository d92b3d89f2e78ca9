'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { vendorInputSchema } from '@/server/domain/inventory/inputs';
import {
  DATA_CATEGORIES,
  deriveVendorTier,
  VENDOR_TIERS,
  type DataCategory,
  type VendorTier,
} from '@/server/domain/inventory/vendor';
import { TierBadge } from './badges';
import type { VendorFormValues } from './form-values';
import { DATA_CATEGORY_LABELS, TIER_LABELS } from './labels';

type VendorInput = z.input<typeof vendorInputSchema>;
type Keyed<T> = T & { key: number };

interface Owner {
  id: string;
  name: string;
  email: string;
}

const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** Ticks or unticks one category, keeping the canonical order. */
function toggle(list: DataCategory[], value: DataCategory, on: boolean): DataCategory[] {
  return DATA_CATEGORIES.filter((c) => (c === value ? on : list.includes(c)));
}

/** Create (no vendorId) or edit a vendor; one form so both paths validate and look the same. */
export function VendorForm({
  vendorId,
  initial,
  owners,
}: {
  vendorId?: string;
  initial: VendorFormValues;
  owners: Owner[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const keySeq = useRef(0);
  const nextKey = () => ++keySeq.current;

  const [name, setName] = useState(initial.name);
  const [country, setCountry] = useState(initial.country);
  const [services, setServices] = useState(initial.services);
  const [dataCategories, setDataCategories] = useState<DataCategory[]>(initial.dataCategories);
  const [contractStart, setContractStart] = useState(initial.contractStart);
  const [contractEnd, setContractEnd] = useState(initial.contractEnd);
  const [ownerUserId, setOwnerUserId] = useState(initial.ownerUserId);
  const [questionnaire, setQuestionnaire] = useState(initial.questionnaire);
  const [override, setOverride] = useState(initial.override);
  const [certifications, setCertifications] = useState<
    Keyed<VendorFormValues['certifications'][number]>[]
  >(() => initial.certifications.map((c, i) => ({ ...c, key: -1 - i })));
  const [subProcessors, setSubProcessors] = useState<
    Keyed<VendorFormValues['subProcessors'][number]>[]
  >(() => initial.subProcessors.map((s, i) => ({ ...s, key: -1 - i })));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const staff = Number(questionnaire.staffWithAccess);
  const derived = deriveVendorTier({
    dataCategories: questionnaire.dataCategories,
    productionAccess: questionnaire.productionAccess,
    fundsAccess: questionnaire.fundsAccess,
    staffWithAccess: Number.isFinite(staff) && staff > 0 ? Math.floor(staff) : 0,
  });
  const overriding = override !== null && override.tier !== derived.tier;
  const finalTier = overriding ? override.tier : derived.tier;

  const goToVendor = (id: string) => router.push(`/vendors/${id}`);
  const create = useMutation(
    trpc.vendors.create.mutationOptions({ onSuccess: (r) => goToVendor(r.id) }),
  );
  const update = useMutation(
    trpc.vendors.update.mutationOptions({ onSuccess: (r) => goToVendor(r.id) }),
  );
  const mutation = vendorId ? update : create;
  const serverError = mutation.error;
  const serverFieldErrors: Record<string, string[] | undefined> =
    serverError?.data?.fieldErrors ?? {};

  /** The first message for a field path ("certifications.0.expiresOn"), client check first. */
  function errorFor(path: string): string | undefined {
    return clientErrors[path] ?? serverFieldErrors[path]?.[0];
  }

  function buildInput(): VendorInput {
    return {
      name: name.trim(),
      country: blank(country),
      services: services.trim(),
      dataCategories,
      contractStart: blank(contractStart),
      contractEnd: blank(contractEnd),
      ownerUserId: blank(ownerUserId),
      certifications: certifications
        .filter((c) => c.name.trim() || c.expiresOn)
        .map((c) => ({ name: c.name.trim(), expiresOn: c.expiresOn })),
      subProcessors: subProcessors
        .filter((s) => s.name.trim() || s.country.trim() || s.service.trim())
        .map((s) => ({
          name: s.name.trim(),
          country: blank(s.country),
          service: blank(s.service),
        })),
      questionnaire: {
        dataCategories: questionnaire.dataCategories,
        productionAccess: questionnaire.productionAccess,
        fundsAccess: questionnaire.fundsAccess,
        staffWithAccess:
          questionnaire.staffWithAccess.trim() === '' ? 0 : Number(questionnaire.staffWithAccess),
      },
      // An override equal to the derived tier changes nothing, so it is not sent.
      tierOverride: overriding ? { tier: override.tier, reason: override.reason } : undefined,
    };
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.reset();
    const input = buildInput();
    // Same schema as the server, so mistakes show next to their field before a round trip.
    const checked = vendorInputSchema.safeParse(input);
    if (!checked.success) {
      const errors: Record<string, string> = {};
      for (const issue of checked.error.issues) {
        const path = issue.path.join('.');
        errors[path] ??= issue.message;
      }
      setClientErrors(errors);
      return;
    }
    setClientErrors({});
    if (vendorId) update.mutate({ vendorId, vendor: input });
    else create.mutate(input);
  }

  const clientErrorCount = Object.keys(clientErrors).length;
  const busy = mutation.isPending || mutation.isSuccess;

  return (
    <form className="stack vendor-form" onSubmit={onSubmit} noValidate aria-label="Vendor">
      <fieldset className="stack">
        <legend>Profile</legend>
        <div className="profile-grid">
          <Field label="Name" error={errorFor('name')} className="span-2">
            <input
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={200}
              autoComplete="off"
            />
          </Field>
          <Field label="Owner" error={errorFor('ownerUserId')} className="span-2">
            <select
              name="ownerUserId"
              value={ownerUserId}
              onChange={(e) => setOwnerUserId(e.target.value)}
            >
              <option value="">No owner</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.email})
                </option>
              ))}
            </select>
          </Field>
          <Field label="Country" hint="2-letter ISO code" error={errorFor('country')}>
            <input
              name="country"
              value={country}
              onChange={(e) => setCountry(e.target.value.toUpperCase())}
              maxLength={2}
              placeholder="e.g. PH"
              autoComplete="off"
            />
          </Field>
          <Field label="Contract start" error={errorFor('contractStart')}>
            <input
              type="date"
              name="contractStart"
              value={contractStart}
              onChange={(e) => setContractStart(e.target.value)}
            />
          </Field>
          <Field label="Contract end" error={errorFor('contractEnd')}>
            <input
              type="date"
              name="contractEnd"
              value={contractEnd}
              onChange={(e) => setContractEnd(e.target.value)}
            />
          </Field>
        </div>
        <Field label="Services" error={errorFor('services')}>
          <textarea
            name="services"
            value={services}
            onChange={(e) => setServices(e.target.value)}
            rows={2}
            maxLength={2000}
            placeholder="What the vendor does for you"
          />
        </Field>
        <CategoryChecks
          legend="Data categories processed"
          name="dataCategories"
          value={dataCategories}
          onChange={setDataCategories}
          error={errorFor('dataCategories')}
        />
      </fieldset>

      <fieldset>
        <legend>Inherent risk</legend>
        <div className="risk-layout">
          <div className="stack">
            <CategoryChecks
              legend="Data it can touch"
              name="questionnaire.dataCategories"
              value={questionnaire.dataCategories}
              onChange={(next) => setQuestionnaire({ ...questionnaire, dataCategories: next })}
              action={
                <button
                  type="button"
                  className="btn-link small"
                  onClick={() => setQuestionnaire({ ...questionnaire, dataCategories })}
                >
                  Same as data processed
                </button>
              }
            />
            <label className="check">
              <input
                type="checkbox"
                name="productionAccess"
                checked={questionnaire.productionAccess}
                onChange={(e) =>
                  setQuestionnaire({ ...questionnaire, productionAccess: e.target.checked })
                }
              />
              Production access (its staff can reach production systems)
            </label>
            <label className="check">
              <input
                type="checkbox"
                name="fundsAccess"
                checked={questionnaire.fundsAccess}
                onChange={(e) =>
                  setQuestionnaire({ ...questionnaire, fundsAccess: e.target.checked })
                }
              />
              Funds or keys access (can move funds or touch signing keys)
            </label>
            <Field
              label="Staff with access"
              error={errorFor('questionnaire.staffWithAccess') ?? errorFor('questionnaire')}
              style={{ maxWidth: 220 }}
            >
              <input
                type="number"
                name="staffWithAccess"
                min={0}
                step={1}
                value={questionnaire.staffWithAccess}
                onChange={(e) =>
                  setQuestionnaire({ ...questionnaire, staffWithAccess: e.target.value })
                }
              />
            </Field>
          </div>
          <div className="tier-preview" data-testid="tier-preview" aria-live="polite">
            <div className="muted small">Derived tier</div>
            <div>
              <TierBadge tier={derived.tier} testId="derived-tier" />
            </div>
            <ul className="small" data-testid="derived-reasons">
              {derived.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <label className="check">
              <input
                type="checkbox"
                name="override"
                checked={override !== null}
                onChange={(e) =>
                  setOverride(
                    e.target.checked
                      ? { tier: derived.tier === 'critical' ? 'high' : 'critical', reason: '' }
                      : null,
                  )
                }
              />
              Override the derived tier
            </label>
            {override && (
              <div className="stack">
                <Field label="Tier" error={errorFor('tierOverride.tier')}>
                  <select
                    name="overrideTier"
                    value={override.tier}
                    onChange={(e) =>
                      setOverride({ ...override, tier: e.target.value as VendorTier })
                    }
                  >
                    {VENDOR_TIERS.map((t) => (
                      <option key={t} value={t}>
                        {TIER_LABELS[t]}
                      </option>
                    ))}
                  </select>
                </Field>
                {overriding ? (
                  <Field
                    label="Why override?"
                    error={errorFor('tierOverride.reason') ?? errorFor('tierOverride')}
                  >
                    <textarea
                      name="overrideReason"
                      value={override.reason}
                      onChange={(e) => setOverride({ ...override, reason: e.target.value })}
                      rows={3}
                      required
                      maxLength={1000}
                      placeholder="At least 5 characters; kept with the vendor and in the audit log"
                    />
                  </Field>
                ) : (
                  <p className="muted small" style={{ margin: 0 }}>
                    Same as the derived tier: nothing is overridden.
                  </p>
                )}
              </div>
            )}
            <div className="small tier-final">
              Tier on save: <TierBadge tier={finalTier} testId="final-tier" />
              {overriding && <span className="muted"> (overridden)</span>}
            </div>
          </div>
        </div>
      </fieldset>

      <fieldset className="stack">
        <legend>Certifications</legend>
        {certifications.length === 0 && (
          <p className="muted small" style={{ margin: 0 }}>
            None recorded. Expiry dates within 30 days show as warnings.
          </p>
        )}
        {certifications.map((c, i) => (
          <div className="repeat-row cols-cert" key={c.key} data-testid="certification-row">
            <Field label="Name" error={errorFor(`certifications.${i}.name`)}>
              <input
                aria-label={`Certification ${i + 1} name`}
                value={c.name}
                placeholder="e.g. SOC 2 Type II"
                maxLength={120}
                onChange={(e) =>
                  setCertifications(
                    certifications.map((x) =>
                      x.key === c.key ? { ...x, name: e.target.value } : x,
                    ),
                  )
                }
              />
            </Field>
            <Field label="Expires on" error={errorFor(`certifications.${i}.expiresOn`)}>
              <input
                type="date"
                aria-label={`Certification ${i + 1} expiry`}
                value={c.expiresOn}
                onChange={(e) =>
                  setCertifications(
                    certifications.map((x) =>
                      x.key === c.key ? { ...x, expiresOn: e.target.value } : x,
                    ),
                  )
                }
              />
            </Field>
            <button
              type="button"
              className="btn btn-small btn-danger"
              aria-label={`Remove certification ${i + 1}`}
              onClick={() => setCertifications(certifications.filter((x) => x.key !== c.key))}
            >
              Remove
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              setCertifications([...certifications, { name: '', expiresOn: '', key: nextKey() }])
            }
          >
            Add certification
          </button>
        </div>
      </fieldset>

      <fieldset className="stack">
        <legend>Sub-processors</legend>
        {subProcessors.length === 0 && (
          <p className="muted small" style={{ margin: 0 }}>
            None recorded.
          </p>
        )}
        {subProcessors.map((s, i) => {
          const set = (patch: Partial<VendorFormValues['subProcessors'][number]>) =>
            setSubProcessors(subProcessors.map((x) => (x.key === s.key ? { ...x, ...patch } : x)));
          return (
            <div className="repeat-row cols-sub" key={s.key} data-testid="sub-processor-row">
              <Field label="Name" error={errorFor(`subProcessors.${i}.name`)}>
                <input
                  aria-label={`Sub-processor ${i + 1} name`}
                  value={s.name}
                  maxLength={200}
                  onChange={(e) => set({ name: e.target.value })}
                />
              </Field>
              <Field label="Country" error={errorFor(`subProcessors.${i}.country`)}>
                <input
                  aria-label={`Sub-processor ${i + 1} country`}
                  value={s.country}
                  maxLength={2}
                  placeholder="e.g. SG"
                  onChange={(e) => set({ country: e.target.value.toUpperCase() })}
                />
              </Field>
              <Field label="Service" error={errorFor(`subProcessors.${i}.service`)}>
                <input
                  aria-label={`Sub-processor ${i + 1} service`}
                  value={s.service}
                  maxLength={200}
                  placeholder="e.g. call recording"
                  onChange={(e) => set({ service: e.target.value })}
                />
              </Field>
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={`Remove sub-processor ${i + 1}`}
                onClick={() => setSubProcessors(subProcessors.filter((x) => x.key !== s.key))}
              >
                Remove
              </button>
            </div>
          );
        })}
        <div>
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              setSubProcessors([
                ...subProcessors,
                { name: '', country: '', service: '', key: nextKey() },
              ])
            }
          >
            Add sub-processor
          </button>
        </div>
      </fieldset>

      {clientErrorCount > 0 && (
        <div className="alert alert-error" role="alert">
          Fix the {clientErrorCount === 1 ? 'highlighted field' : 'highlighted fields'} and save
          again.
        </div>
      )}
      {serverError && (
        <div className="alert alert-error" role="alert" data-testid="vendor-form-error">
          {serverError.message}
        </div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : vendorId ? 'Save changes' : 'Create vendor'}
        </button>
        <Link className="btn" href={vendorId ? `/vendors/${vendorId}` : '/vendors'}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

function Field({
  label,
  hint,
  error,
  style,
  className,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  style?: CSSProperties;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label style={style} className={className} data-invalid={error ? 'true' : undefined}>
      <span>
        {label}
        {hint && <span className="muted small"> · {hint}</span>}
      </span>
      {children}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

function CategoryChecks({
  legend,
  name,
  value,
  onChange,
  error,
  action,
}: {
  legend: string;
  name: string;
  value: DataCategory[];
  onChange: (next: DataCategory[]) => void;
  error?: string;
  action?: ReactNode;
}) {
  return (
    <div role="group" aria-label={legend} className="stack" style={{ gap: 6 }}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="group-label">{legend}</span>
        {action}
      </div>
      <div className="check-grid">
        {DATA_CATEGORIES.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              name={name}
              value={c}
              checked={value.includes(c)}
              onChange={(e) => onChange(toggle(value, c, e.target.checked))}
            />
            {DATA_CATEGORY_LABELS[c]}
          </label>
        ))}
      </div>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
