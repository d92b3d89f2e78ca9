import { describe, expect, it } from 'vitest';
import { csvLine, spreadsheetCsvLine, spreadsheetSafe } from './csv';

describe('spreadsheetSafe', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\tplain text after a tab', "'\tplain text after a tab"],
    ['  =1+1', "'  =1+1"],
    ['\n@x', "'\n@x"],
    ['-', "'-"],
    ['- bullet', "'- bullet"],
  ])('neutralises %j', (input, expected) => {
    expect(spreadsheetSafe(input)).toBe(expected);
  });

  it.each([
    'plain',
    'a=b',
    'x+1',
    'mail@example.com',
    '',
    '-5',
    '+3.25',
    '-0.5',
    '1e6',
    '-1.5E-3',
    '2026-11-01T10:00:00.000Z',
  ])('keeps %j (text without a formula lead, or a plain number)', (value) => {
    expect(spreadsheetSafe(value)).toBe(value);
  });

  it('neutralises what only looks numeric at the start', () => {
    expect(spreadsheetSafe('-5+cmd|x')).toBe("'-5+cmd|x");
    expect(spreadsheetSafe('-5 ')).toBe("'-5 ");
  });
});

describe('CSV rows', () => {
  it('quotes RFC 4180 style, verbatim or made safe', () => {
    const row = ['=HYPERLINK("http://x","y")', 'a,b', ' pad', '-5'];
    expect(csvLine(row)).toBe('"=HYPERLINK(""http://x"",""y"")","a,b"," pad",-5\r\n');
    expect(spreadsheetCsvLine(row)).toBe(`"'=HYPERLINK(""http://x"",""y"")","a,b"," pad",-5\r\n`);
  });
});
