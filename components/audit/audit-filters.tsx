import { Input, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { FilterActions } from '@/components/ui/filter-actions';

interface Props {
  entityTypes: string[];
  initial: { action?: string; actor?: string; entityType?: string; from?: string; to?: string };
}

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ entityTypes, initial }: Props) {
  return (
    <form method="get" action="/audit" className="form-grid" aria-label="Filter the audit log">
      <Field label="Action starts with">
        <Input
          name="action"
          defaultValue={initial.action}
          placeholder="e.g. member. or auth.sign_in"
        />
      </Field>
      <Field label="Actor">
        <Input name="actor" defaultValue={initial.actor} placeholder="email contains…" />
      </Field>
      <Field label="Entity">
        <Select name="entityType" defaultValue={initial.entityType ?? ''}>
          <option value="">Any</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From">
        <Input type="date" name="from" defaultValue={initial.from} />
      </Field>
      <Field label="To">
        <Input type="date" name="to" defaultValue={initial.to} />
      </Field>
      <FilterActions clearHref="/audit" />
    </form>
  );
}
