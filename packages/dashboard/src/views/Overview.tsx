import { Status } from '../components/Status.tsx';
import type { Filters, Week } from '../types.ts';
import { useReport } from '../use-report.ts';
import { Trends } from './Trends.tsx';

export function Overview({ filters }: { filters: Filters }) {
  const trends = useReport<{ weeks: Week[] }>('trends', filters);
  return <Status loaded={trends}>{(data) => <Trends weeks={data.weeks} filters={filters} />}</Status>;
}
