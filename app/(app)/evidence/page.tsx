import Link from 'next/link';
import { EvidencePackages } from '@/components/evidence/evidence-packages';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Evidence' };

export default async function EvidencePage() {
  const caller = await serverCaller();
  const result = await guarded(() => caller.evidence.sections());
  if (!result.ok) return <Refusal message={result.message} />;
  return (
    <>
      <PageHeader
        title="Evidence"
        description="Packages for auditors: each file's SHA-256 and the query behind it in a manifest, the audit-log segment with its chain, and a PDF summary. Generating and downloading are audit-log entries."
        actions={
          <Link className="btn" href="/evidence/verify">
            Verify a package
          </Link>
        }
      />
      <EvidencePackages sections={result.data} />
    </>
  );
}
