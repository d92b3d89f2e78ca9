import Link from 'next/link';
import { VerifyPackage } from '@/components/evidence/verify-package';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Verify an evidence package' };

export default async function VerifyEvidencePage() {
  const caller = await serverCaller();
  // The same roles as the evidence page; the upload route checks them again.
  const result = await guarded(() => caller.evidence.sections());
  if (!result.ok) return <Refusal message={result.message} />;
  return (
    <>
      <PageHeader
        title="Verify a package"
        description="Recomputes every file's SHA-256 against the manifest and re-verifies the audit-log segment's hash chain."
        actions={
          <Link className="btn" href="/evidence">
            Back to evidence
          </Link>
        }
      />
      <VerifyPackage />
    </>
  );
}
