'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { useKeyedRows } from '@/components/ui/use-keyed-rows';
import { vendorInputSchema } from '@/server/domain/inventory/inputs';
import { deriveVendorTier } from '@/server/domain/inventory/vendor';
import { CertificationRowsFieldset } from './certification-rows';
import { vendorInput, type VendorFormValues } from './form-values';
import { InherentRiskFields } from './inherent-risk-fields';
import { SubProcessorRowsFieldset } from './sub-processor-rows';
import { VendorProfileFields, type Owner, type ProfileValues } from './vendor-profile-fields';

type VendorInput = z.input<typeof vendorInputSchema>;

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
  const [profile, setProfile] = useState<ProfileValues>(initial);
  const [questionnaire, setQuestionnaire] = useState(initial.questionnaire);
  const [override, setOverride] = useState(initial.override);
  const certifications = useKeyedRows(initial.certifications);
  const subProcessors = useKeyedRows(initial.subProcessors);

  const staff = Number(questionnaire.staffWithAccess);
  const derived = deriveVendorTier({
    dataCategories: questionnaire.dataCategories,
    productionAccess: questionnaire.productionAccess,
    fundsAccess: questionnaire.fundsAccess,
    staffWithAccess: Number.isFinite(staff) && staff > 0 ? Math.floor(staff) : 0,
  });
  const overriding = override !== null && override.tier !== derived.tier;

  const goToVendor = (r: { id: string }) => router.push(`/vendors/${r.id}`);
  const options = { onSuccess: goToVendor, navigates: true };
  const create = useFormMutation(trpc.vendors.create.mutationOptions(), options);
  const update = useFormMutation(trpc.vendors.update.mutationOptions(), options);
  const form = vendorId ? update : create;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input: VendorInput = vendorInput(
      {
        ...profile,
        certifications: certifications.rows,
        subProcessors: subProcessors.rows,
        questionnaire,
        override,
      },
      overriding,
    );
    // Same schema as the server, so mistakes show next to their field before a round trip.
    if (!form.validate(vendorInputSchema, input)) return;
    if (vendorId) update.mutate({ vendorId, vendor: input });
    else create.mutate(input);
  }

  const clientErrorCount = Object.keys(form.clientErrors).length;

  return (
    <form className="stack vendor-form" onSubmit={onSubmit} noValidate aria-label="Vendor">
      <VendorProfileFields
        value={profile}
        onChange={(patch) => setProfile((p) => ({ ...p, ...patch }))}
        owners={owners}
        errorFor={form.fieldError}
      />
      <InherentRiskFields
        questionnaire={questionnaire}
        onQuestionnaire={setQuestionnaire}
        processed={profile.dataCategories}
        derived={derived}
        override={override}
        onOverride={setOverride}
        errorFor={form.fieldError}
      />
      <CertificationRowsFieldset certifications={certifications} errorFor={form.fieldError} />
      <SubProcessorRowsFieldset subProcessors={subProcessors} errorFor={form.fieldError} />

      {clientErrorCount > 0 && (
        <Alert tone="error" role="alert">
          Fix the {clientErrorCount === 1 ? 'highlighted field' : 'highlighted fields'} and save
          again.
        </Alert>
      )}
      {form.error && (
        <Alert tone="error" role="alert" testId="vendor-form-error">
          {form.error.message}
        </Alert>
      )}
      <div className="row">
        <Button variant="primary" type="submit" busy={form.busy} busyLabel="Saving…">
          {vendorId ? 'Save changes' : 'Create vendor'}
        </Button>
        <Link className={buttonClass()} href={vendorId ? `/vendors/${vendorId}` : '/vendors'}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
