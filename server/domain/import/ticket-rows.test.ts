import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';
import { looksLikeJson, mapTicketRow, TICKET_COLUMNS, ticketJsonToRows } from './ticket-rows';
import { normalizeTicketStatus } from './ticket-status';

describe('normalizeTicketStatus', () => {
  it('folds the usual tool statuses into four', () => {
    expect(normalizeTicketStatus('In Progress')).toBe('open');
    expect(normalizeTicketStatus('NEW')).toBe('open');
    expect(normalizeTicketStatus('on-hold')).toBe('pending');
    expect(normalizeTicketStatus('Resolved')).toBe('solved');
    expect(normalizeTicketStatus('cancelled')).toBe('closed');
    expect(normalizeTicketStatus('escalated to legal')).toBeUndefined();
  });
});

describe('mapTicketRow', () => {
  it('maps a full row, deduplicating resource ids and lower-casing the assignee', () => {
    const r = mapTicketRow({
      ticket_id: 'SUP-1042',
      system: 'Support Console',
      assignee_email: 'Ana@Example.com',
      resource_ids: 'C-77; C-78;C-77',
      opened_at: '2026-09-17T09:00:00+01:00',
      closed_at: '2026-09-18',
      status: 'Resolved',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        ticketId: 'SUP-1042',
        system: 'Support Console',
        assigneeEmail: 'ana@example.com',
        resourceIds: ['C-77', 'C-78'],
        openedAt: new Date('2026-09-17T08:00:00Z'),
        closedAt: new Date('2026-09-18T00:00:00Z'),
        status: 'solved',
      },
    });
  });

  it('derives the status from closed_at when none is given', () => {
    const open = mapTicketRow({ ticket_id: 'T-1', opened_at: '2026-09-17' });
    const closed = mapTicketRow({
      ticket_id: 'T-1',
      opened_at: '2026-09-17',
      closed_at: '2026-09-19',
    });
    expect(open.ok && open.value.status).toBe('open');
    expect(closed.ok && closed.value.status).toBe('closed');
  });

  it('reports every problem of a row at once, naming the column', () => {
    const r = mapTicketRow({
      ticket_id: '',
      assignee_email: 'not-an-email',
      opened_at: '17/09/2026',
      status: 'escalated',
    });
    expect(r.ok).toBe(false);
    const reason = (r as { reason: string }).reason;
    expect(reason).toContain('ticket_id is required');
    expect(reason).toContain('assignee_email "not-an-email" is not an email address');
    expect(reason).toContain('opened_at "17/09/2026" is not a time');
    expect(reason).toContain('status "escalated" is not known');
  });

  it('refuses a ticket closed before it opened and a time without an offset', () => {
    const r = mapTicketRow({
      ticket_id: 'T-2',
      opened_at: '2026-09-17T10:00:00Z',
      closed_at: '2026-09-16T10:00:00Z',
    });
    expect(r).toEqual({ ok: false, reason: 'closed_at is before opened_at' });
    expect(mapTicketRow({ ticket_id: 'T-3', opened_at: '2026-09-17T10:00:00' }).ok).toBe(false);
  });
});

describe('tickets as CSV and JSON', () => {
  it('reads the CSV columns of the format', () => {
    const csv =
      'ticket_id,system,assignee_email,resource_ids,opened_at,closed_at,status\n' +
      'SUP-1,Support Console,a@x.test,C-1;C-2,2026-09-17T09:00:00Z,,open\n';
    const read = readCsv(csv, TICKET_COLUMNS);
    expect(read.ok && read.rows[0]!.cells.resource_ids).toBe('C-1;C-2');
  });

  it('reads NDJSON, rejecting bad lines on their own', () => {
    const text = [
      '{"ticket_id":"SUP-1","resource_ids":["C-1","C-2"],"opened_at":"2026-09-17T09:00:00Z"}',
      '',
      'not json',
      '{"ticket_id":1042,"opened_at":"2026-09-17","resource_ids":"C-3;C-4","closed_at":null}',
      '{"ticket_id":"SUP-2","colour":"red"}',
      '[1]',
    ].join('\n');
    expect(looksLikeJson(text)).toBe(true);
    const read = ticketJsonToRows(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.rows).toEqual([
      {
        line: 1,
        cells: { ticket_id: 'SUP-1', resource_ids: 'C-1;C-2', opened_at: '2026-09-17T09:00:00Z' },
      },
      {
        line: 4,
        cells: {
          ticket_id: '1042',
          opened_at: '2026-09-17',
          resource_ids: 'C-3;C-4',
          closed_at: '',
        },
      },
    ]);
    expect(read.rejected.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(read.rejected[1]!.reason).toContain('unknown field "colour"');
  });

  it('reads a JSON array, numbering entries from 1, and refuses broken JSON as a whole', () => {
    const read = ticketJsonToRows('[{"ticket_id":"A","opened_at":"2026-09-17"}]');
    expect(read.ok && read.rows[0]!.line).toBe(1);
    expect(ticketJsonToRows('[{"ticket_id":').ok).toBe(false);
    expect(looksLikeJson('ticket_id,opened_at\n')).toBe(false);
  });
});
