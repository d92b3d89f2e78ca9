import { Input, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { FilterActions } from '@/components/ui/filter-actions';
import { BACKGROUND_CHECK_STATUSES, PERSON_TYPES } from '@/server/domain/inventory/person';
import { RISK_BANDS } from '@/server/domain/risk/bands';
import { BACKGROUND_CHECK_LABELS, PERSON_TYPE_LABELS } from './labels';

interface Props {
  vendors: { id: string; name: string }[];
  initial: {
    q?: string;
    type?: string;
    vendor?: string;
    check?: string;
    band?: string;
    sort?: string;
  };
}

/** A plain GET form: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function PeopleFilters({ vendors, initial }: Props) {
  return (
    <form method="get" action="/people" className="form-grid" aria-label="Filter people">
      <Field label="Search">
        <Input
          name="q"
          type="search"
          defaultValue={initial.q}
          maxLength={200}
          placeholder="Name or email"
        />
      </Field>
      <Field label="Type">
        <Select name="type" defaultValue={initial.type ?? ''}>
          <option value="">Any</option>
          {PERSON_TYPES.map((t) => (
            <option key={t} value={t}>
              {PERSON_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Vendor">
        <Select name="vendor" defaultValue={initial.vendor ?? ''}>
          <option value="">Any</option>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Background check">
        <Select name="check" defaultValue={initial.check ?? ''}>
          <option value="">Any</option>
          {BACKGROUND_CHECK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {BACKGROUND_CHECK_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Risk band">
        <Select name="band" defaultValue={initial.band ?? ''}>
          <option value="">Any</option>
          {RISK_BANDS.map((b) => (
            <option key={b} value={b}>
              {b.charAt(0).toUpperCase() + b.slice(1)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Sort by">
        <Select name="sort" defaultValue={initial.sort ?? 'name'}>
          <option value="name">Name</option>
          <option value="risk">Risk, highest first</option>
        </Select>
      </Field>
      <FilterActions clearHref="/people" />
    </form>
  );
}
