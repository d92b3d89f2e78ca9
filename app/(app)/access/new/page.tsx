import Link from 'next/link';
import { RequestAccessForm } from '@/components/access/request-access-form';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Request access' };

export default async function NewAccessRequestPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { personId } = await searchParams;
  const caller = await serverCaller();
  const options = await guarded(() => caller.access.options());
  if (!options.ok) return <Refusal message={options.message} />;
  return (
    <>
      <PageHeader
        title="Request access"
        description={
          <>
            Approvals follow policy: the person’s manager, then the system owner, and a compliance
            officer for critical privileges. <Link href="/access">Back to access</Link>
          </>
        }
      />
      <div className="card">
        <RequestAccessForm
          options={options.data}
          initialPersonId={typeof personId === 'string' ? personId : undefined}
        />
      </div>
    </>
  );
}
