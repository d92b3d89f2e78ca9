import { FilterActions } from '@/components/ui/filter-actions';

interface Props {
  entityTypes: string[];
  initial: { action?: string; actor?: string; entityType?: string; from?: string; to?: string };
}

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ entityTypes, initial }: Props) {
  return (
    <form method="get" action="/audit" className="form-grid" aria-label="Filter the audit log">
      <label>
        Action starts with
        <input
          name="action"
          defaultValue={initial.action}
          placeholder="e.g. member. or auth.sign_in"
        />
      </label>
      <label>
        Actor
        <input name="actor" defaultValue={initial.actor} placeholder="email contains…" />
      </label>
      <label>
        Entity
        <select name="entityType" defaultValue={initial.entityType ?? ''}>
          <option value="">Any</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" name="from" defaultValue={initial.from} />
      </label>
      <label>
        To
        <input type="date" name="to" defaultValue={initial.to} />
      </label>
      <FilterActions clearHref="/audit" />
    </form>
  );
}
