// CSV for people who open it in a spreadsheet (docs/SECURITY.md §F3, docs/EVIDENCE.md
// §Verbatim and spreadsheet copies). Pure: the evidence package and list exports share it.

/** RFC 4180: a cell holding a quote, comma, CR or LF, or edge whitespace, is quoted. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/** One CSV row, CRLF-terminated; values verbatim (the evidence package's own files). */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * A plain decimal number, optionally signed (`-5`, `+3.25`, `1e6`): a spreadsheet reads it as a
 * number and never as a formula, so it is left alone and still sums.
 */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell a spreadsheet could run as a formula: one starting with = + - @, a tab or a CR
 * (OWASP, CSV injection), or with any of those after leading whitespace, which some
 * spreadsheets trim before they look.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

/**
 * A cell made safe to open in Excel, LibreOffice or Google Sheets: a formula-leading value gets a
 * single quote in front, so it shows as text instead of running (OWASP's advice); plain numbers
 * such as `-5` are kept. Everything else is unchanged.
 */
export function spreadsheetSafe(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** One CSV row with every cell made spreadsheet-safe, then quoted as csvLine does. */
export function spreadsheetCsvLine(values: readonly string[]): string {
  return csvLine(values.map(spreadsheetSafe));
}
