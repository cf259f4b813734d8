/** The reports' money columns: `{ USD: 49, EUR: 50 }` per row in the JSON, amounts in major units. */
const MONEY_COLUMNS = new Set(['mrrSaved', 'mrrRetained']);

/** Digits after the point in `currency` ("JPY" 0, "USD" 2); 2 for a code Intl does not know (or `unknown`). */
function digitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * For the CSV, each money column becomes one column per currency the report holds, `mrrSaved_USD`,
 * `mrrSaved_EUR` (by code, `unknown` last, as the dashboard lists them), holding a plain number with
 * the currency's digits (`49.00`; `0.00` in a row without that currency): a spreadsheet sums a column,
 * and currencies are never added together. A JSON cell (`{"USD":49}`) read neither way. A report
 * with no money in a column has no column for it.
 */
export function moneyPerCurrency(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): { columns: string[]; rows: Record<string, unknown>[] } {
  const currencies = new Map<string, string[]>();
  for (const column of columns) {
    if (!MONEY_COLUMNS.has(column)) continue;
    const codes = new Set<string>();
    for (const row of rows) for (const code of Object.keys((row[column] as object | null) ?? {})) codes.add(code);
    currencies.set(
      column,
      [...codes].sort((a, b) => Number(a === 'unknown') - Number(b === 'unknown') || a.localeCompare(b)),
    );
  }
  if (currencies.size === 0) return { columns: [...columns], rows: [...rows] };
  const named = (column: string, code: string) => `${column}_${code}`;
  // Once per currency, not per cell: each is an Intl.NumberFormat.
  const digits = new Map([...currencies.values()].flat().map((code) => [code, digitsOf(code)]));
  return {
    columns: columns.flatMap((c) => currencies.get(c)?.map((code) => named(c, code)) ?? [c]),
    rows: rows.map((row) => {
      const flat: Record<string, unknown> = { ...row };
      for (const [column, codes] of currencies) {
        const sums = (row[column] ?? {}) as Record<string, number>;
        for (const code of codes) flat[named(column, code)] = (sums[code] ?? 0).toFixed(digits.get(code));
      }
      return flat;
    }),
  };
}
