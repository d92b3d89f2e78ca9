import Link from 'next/link';
import { TemplateEditor } from '@/components/attestations/template-editor';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { ATTESTATION_RUNNERS } from '@/server/domain/tenancy/roles';
import { can, pageRole } from '@/server/trpc/page-role';

export const metadata = { title: 'New attestation template' };

const STARTER = {
  title: 'New policy attestation',
  body: '## Policy\n\nDescribe what people confirm by signing.',
  questions: [
    {
      id: 'accepts',
      kind: 'yes_no' as const,
      prompt: 'Do you accept this policy?',
      required: true,
      discloses: { when: ['no'], kind: 'control_gap' as const },
    },
  ],
};

export default async function NewTemplatePage() {
  const role = await pageRole();
  if (!can(role, ATTESTATION_RUNNERS))
    return <Refusal message="Compliance officers and admins create templates." />;
  return (
    <>
      <PageHeader
        title="New template"
        description={<Link href="/attestations/templates">All templates</Link>}
      />
      <section className="card">
        <TemplateEditor initial={STARTER} />
      </section>
    </>
  );
}
