import Link from 'next/link';
import { z } from 'zod';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { vendorFormValues } from '@/components/vendors/form-values';
import { VendorForm } from '@/components/vendors/vendor-form';
import { guarded, started } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Edit vendor' };

export default async function EditVendorPage({
  params,
}: {
  params: Promise<{ vendorId: string }>;
}) {
  const { vendorId } = await params;
  if (!z.uuid().safeParse(vendorId).success) {
    return <Refusal title="Vendor not found" message="No such vendor in this organization." />;
  }
  const caller = await serverCaller();
  const result = await guarded(async () => {
    // Both start at once, but owner options are awaited first: only editors may call it, so a
    // reader gets the role refusal.
    const owners = caller.systems.ownerOptions();
    const vendor = started(caller.vendors.get({ vendorId }));
    return { owners: await owners, vendor: await vendor };
  });
  if (!result.ok) {
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Vendor not found' : undefined}
        message={result.message}
      />
    );
  }
  const { vendor } = result.data;
  // Keep a former member who still owns the vendor selectable, so saving does not drop them.
  const owners =
    vendor.ownerUserId && !result.data.owners.some((o) => o.id === vendor.ownerUserId)
      ? [
          ...result.data.owners,
          {
            id: vendor.ownerUserId,
            name: 'Former member',
            email: vendor.ownerEmail ?? 'unknown',
          },
        ]
      : result.data.owners;
  return (
    <>
      <PageHeader
        title={`Edit ${vendor.name}`}
        description={<Link href={`/vendors/${vendor.id}`}>Back to the vendor</Link>}
      />
      <div className="card">
        <VendorForm vendorId={vendor.id} initial={vendorFormValues(vendor)} owners={owners} />
      </div>
    </>
  );
}
