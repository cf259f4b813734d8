import type { ComponentChildren } from 'preact';
import { CsvLink } from './CsvLink.tsx';

interface Props {
  readonly title: string;
  /** The insights report behind the section: its CSV link uses the same parameters. */
  readonly report: string;
  readonly params: Record<string, string | number>;
  /** How the CSV link names the data for screen readers ("Download CSV of …"); default: the title. */
  readonly what?: string;
  readonly children: ComponentChildren;
}

/** A view's section: its heading, the CSV download of its report, and its content. */
export function ReportSection({ title, report, params, what = title.toLowerCase(), children }: Props) {
  const id = `${report}-title`;
  return (
    <section aria-labelledby={id}>
      <div class="section-head">
        <h2 id={id}>{title}</h2>
        <CsvLink report={report} params={params} what={what} />
      </div>
      {children}
    </section>
  );
}
