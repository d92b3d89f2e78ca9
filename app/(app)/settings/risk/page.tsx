import { RiskWeightsForm } from '@/components/risk/risk-weights-form';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { RISK_WEIGHT_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Risk weights' };

export default async function RiskWeightsPage() {
  const caller = await serverCaller();
  const [role, result] = await Promise.all([pageRole(), guarded(() => caller.risk.weights())]);
  if (!result.ok) return <Refusal message={result.message} />;
  const canEdit = can(role, RISK_WEIGHT_EDITORS);
  const w = result.data;
  return (
    <>
      <PageHeader
        title="Risk weights"
        description={
          <>
            How signals, access, screening and vendor gaps turn into scores (docs/RISK.md).{' '}
            {w.customized && w.updatedAt
              ? `Last changed ${formatDateTime(w.updatedAt)}${w.updatedBy ? ` by ${w.updatedBy}` : ''}.`
              : 'Using the documented defaults.'}
            {canEdit ? '' : ' Read-only for your role.'}
          </>
        }
      />
      <RiskWeightsForm weights={w.weights} defaults={w.defaults} readOnly={!canEdit} />
    </>
  );
}
