import { moneyList } from '../format.ts';
import type { Money as Sums } from '../types.ts';

/** Money per currency, one line each; never a total across currencies. */
export function Money({ sums }: { sums: Sums }) {
  const list = moneyList(sums);
  if (list.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="money">
      {list.map((m) => (
        <li key={m.currency} data-currency={m.currency}>
          {m.text}
        </li>
      ))}
    </ul>
  );
}
