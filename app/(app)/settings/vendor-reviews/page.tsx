import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { QuestionnaireEditor } from '@/components/vendor-reviews/questionnaire-editor';
import { VENDOR_REVIEWERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Review questionnaire' };

export default async function ReviewQuestionnairePage() {
  const caller = await serverCaller();
  const [role, result] = await Promise.all([
    pageRole(),
    guarded(() => caller.vendorReviews.questionnaire()),
  ]);
  if (!result.ok) return <Refusal message={result.message} />;
  const canEdit = can(role, VENDOR_REVIEWERS);
  const q = result.data;
  return (
    <>
      <PageHeader
        title="Review questionnaire"
        description={
          <>
            The questions every new vendor review asks. A review keeps the questions it started
            with, so changes here never alter answers already given.{' '}
            {q.isDefault || !q.updatedAt
              ? 'Using the default question set.'
              : `Last changed ${formatDateTime(q.updatedAt)}${q.updatedBy ? ` by ${q.updatedBy}` : ''}.`}
            {canEdit ? '' : ' Read-only for your role.'}
          </>
        }
      />
      <section className="card">
        <QuestionnaireEditor initial={q.questions} readOnly={!canEdit} />
      </section>
    </>
  );
}
