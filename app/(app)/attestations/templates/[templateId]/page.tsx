import Link from 'next/link';
import { z } from 'zod';
import { Markdown } from '@/components/attestations/markdown';
import { QuestionList } from '@/components/attestations/question-list';
import { TemplateEditor } from '@/components/attestations/template-editor';
import { Alert } from '@/components/ui/alert';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { ATTESTATION_RUNNERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Attestation template' };

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ templateId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { templateId } = await params;
  const saved = (await searchParams).saved;
  if (!z.uuid().safeParse(templateId).success)
    return <Refusal title="Template not found" message="That template does not exist." />;
  const caller = await serverCaller();
  const [role, t] = await Promise.all([
    pageRole(),
    guarded(() => caller.attestations.template({ templateId })),
  ]);
  if (!t.ok)
    return (
      <Refusal
        title={t.code === 'NOT_FOUND' ? 'Template not found' : undefined}
        message={t.message}
      />
    );
  const canEdit = can(role, ATTESTATION_RUNNERS);
  return (
    <>
      <PageHeader
        title={t.data.template.title}
        description={
          <>
            Version {t.data.version}, updated {formatDateTime(t.data.updatedAt)}.{' '}
            <Link href="/attestations/templates">All templates</Link>
          </>
        }
      />
      {saved && (
        <Alert tone="ok" role="status" className="mb-16">
          Saved as version {t.data.version}. New campaigns use it; running ones keep theirs.
        </Alert>
      )}
      <section className="card">
        {canEdit ? (
          <TemplateEditor templateId={t.data.id} initial={t.data.template} />
        ) : (
          <div className="stack">
            <Markdown source={t.data.template.body} />
            <h2 className="heading-sm">Questions</h2>
            <QuestionList template={t.data.template} />
          </div>
        )}
      </section>
    </>
  );
}
