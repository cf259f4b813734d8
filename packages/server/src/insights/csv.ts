/**
 * A cell a spreadsheet could run as a formula: starting with =, +, -, @, tab or CR; also after
 * whitespace, which importers that trim cells (LibreOffice's "Trim spaces") take away; and the four's
 * full-width forms (＝＋－＠), which Japanese and Chinese input in a spreadsheet turns into them
 * (whether an import does could not be checked here, so they count too).
 */
const FORMULA = /^\s*[=+\-@＝＋－＠]|^[\t\r]/u;

/**
 * RFC 4180 CSV. A cell that could run as a formula (FORMULA) gets a leading apostrophe: free-text
 * feedback is written by subscribers, not by the admin, and so are the token's claims (a plan).
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
