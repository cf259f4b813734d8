/** `date` plus some calendar months or weeks, as an ISO day (for "billing resumes on …"). */
export function addPeriod(date: Date, count: number, unit: 'month' | 'week' | 'day'): string {
  const result = new Date(date.getTime());
  if (unit === 'month') result.setUTCMonth(result.getUTCMonth() + count);
  else result.setUTCDate(result.getUTCDate() + count * (unit === 'week' ? 7 : 1));
  return result.toISOString().slice(0, 10);
}
