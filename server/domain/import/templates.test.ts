import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';
import { IMPORT_KINDS } from './inputs';
import {
  GRANT_COLUMNS,
  PEOPLE_COLUMNS,
  SYSTEM_COLUMNS,
  VENDOR_COLUMNS,
  WATCHLIST_COLUMNS,
  mapPersonRow,
  mapSystemRow,
  mapVendorRow,
} from './rows';
import { templateCsv } from './templates';
import { TICKET_COLUMNS } from './ticket-rows';

const COLUMNS = {
  vendors: VENDOR_COLUMNS,
  systems: SYSTEM_COLUMNS,
  people: PEOPLE_COLUMNS,
  grants: GRANT_COLUMNS,
  watchlist: WATCHLIST_COLUMNS,
  tickets: TICKET_COLUMNS,
};

describe('import templates', () => {
  it.each(IMPORT_KINDS)(
    '%s: every column the import reads, and rows its reader accepts',
    (kind) => {
      const read = readCsv(templateCsv(kind), COLUMNS[kind]);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.rows.length).toBeGreaterThan(0);
      expect(Object.keys(read.rows[0]!.cells).sort()).toEqual(
        [...COLUMNS[kind].required, ...COLUMNS[kind].optional].sort(),
      );
    },
  );

  it('has example rows that map without a problem', () => {
    const rows = (kind: 'vendors' | 'systems' | 'people') => {
      const read = readCsv(templateCsv(kind), COLUMNS[kind]);
      return read.ok ? read.rows.map((r) => r.cells) : [];
    };
    for (const c of rows('vendors')) expect(mapVendorRow(c)).toMatchObject({ ok: true });
    for (const c of rows('systems')) expect(mapSystemRow(c)).toMatchObject({ ok: true });
    for (const c of rows('people')) expect(mapPersonRow(c)).toMatchObject({ ok: true });
  });
});
