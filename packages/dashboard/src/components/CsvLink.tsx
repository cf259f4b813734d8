import { csvUrl } from '../api.ts';

/** "Download CSV" of the same report with the same filters (the API's `format=csv`). */
export function CsvLink({
  report,
  params,
  what,
}: {
  report: string;
  params: Record<string, string | number>;
  what: string;
}) {
  return (
    <a class="csv" href={csvUrl(report, params)} download={`cancelflow-${report}.csv`}>
      Download CSV<span class="visually-hidden"> of {what}</span>
    </a>
  );
}
