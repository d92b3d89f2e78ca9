import { Checkbox } from '@/components/ui/controls';
import { OUTBOUND_EVENT_DESCRIPTIONS, OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';

/** One checkbox per event type with what it means; none checked means every type. */
export function EventChecks({ name, checked = [] }: { name: string; checked?: readonly string[] }) {
  return (
    <fieldset>
      <legend>Events (none checked: all events)</legend>
      <div className="check-grid">
        {OUTBOUND_EVENT_TYPES.map((type) => (
          <Checkbox
            key={type}
            name={name}
            value={type}
            defaultChecked={checked.includes(type)}
            labelClassName="event-check"
            title={OUTBOUND_EVENT_DESCRIPTIONS[type]}
            label={
              <span>
                <span className="mono">{type}</span>
                <span className="muted small event-hint">{OUTBOUND_EVENT_DESCRIPTIONS[type]}</span>
              </span>
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
