import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { EMPTY_VENDOR } from '@/components/vendors/form-values';
import { VendorForm } from '@/components/vendors/vendor-form';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'New vendor' };

export default async function NewVendorPage() {
  const caller = await serverCaller();
  // Only editors may list owners, so this read doubles as the page's role check.
  const owners = await guarded(() => caller.systems.ownerOptions());
  if (!owners.ok) return <Refusal message={owners.message} />;
  return (
    <>
      <PageHeader
        title="New vendor"
        description={
          <>
            The tier is derived from the inherent-risk answers; override it only with a reason.{' '}
            <Link href="/vendors">Back to vendors</Link>
          </>
        }
      />
      <div className="card">
        <VendorForm initial={EMPTY_VENDOR} owners={owners.data} />
      </div>
    </>
  );
}
