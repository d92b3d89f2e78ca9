import {
  normalizedEventSchema,
  satisfiesEventSchema,
  type NormalizedEvent,
  type ParsedRecord,
} from './event';
import type { RawRecord } from './json-records';
import { isObject, type JsonObject } from './values';

/** A source mapper's answer for one record: one or more events (a Google activity), or why not. */
export type MapResult = { ok: true; events: NormalizedEvent[] } | { ok: false; reason: string };

export const reject = (reason: string): MapResult => ({ ok: false, reason });

/**
 * Runs a source mapper over raw records and checks every event against the normalized schema, so
 * whatever a mapper misses (a time out of range, an over-long id) is a rejection, never a bad row.
 */
export async function* mapRecords(
  records: AsyncIterable<RawRecord>,
  map: (record: JsonObject) => MapResult,
): AsyncGenerator<ParsedRecord> {
  for await (const record of records) {
    if ('reason' in record) {
      yield { ok: false, line: record.line, reason: record.reason };
      continue;
    }
    if (!isObject(record.value)) {
      yield {
        ok: false,
        line: record.line,
        reason: `expected a JSON object, found ${kindOf(record.value)}`,
      };
      continue;
    }
    const result = map(record.value);
    if (!result.ok) {
      yield { ok: false, line: record.line, reason: result.reason };
      continue;
    }
    for (const event of result.events) {
      // The record's own text is its raw JSON when the mapper kept the record itself as `raw`.
      if (record.text !== undefined && event.raw === record.value) event.rawJson = record.text;
      if (satisfiesEventSchema(event)) {
        yield { ok: true, line: record.line, event };
        continue;
      }
      const checked = normalizedEventSchema.safeParse(event);
      if (checked.success) yield { ok: true, line: record.line, event };
      else {
        const issue = checked.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        yield {
          ok: false,
          line: record.line,
          reason: `${where}${issue?.message ?? 'invalid event'}`,
        };
      }
    }
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
