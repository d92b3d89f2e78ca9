import { ImportWizard } from '@/components/imports/import-wizard';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { requireRole } from '@/server/trpc/page-role';

export const metadata = { title: 'Import' };

export default async function ImportPage() {
  if (!(await requireRole(INVENTORY_EDITORS))) {
    return <Refusal message="Imports are run by compliance officers and admins." />;
  }
  return (
    <>
      <PageHeader
        title="Import"
        description="Load vendors, systems, people, a watchlist or support tickets from a CSV file. You see a preview with every row's outcome first; nothing is written until you confirm."
      />
      <ImportWizard />
    </>
  );
}
