import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { dayMonth } from '../format.ts';
import { dataTicks, wholeTicks } from './chart-ticks.ts';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** A CSS custom property of styles.css (`--series-1` …), so light and dark both read well. */
  readonly color: string;
  /** Dashes tell the lines apart without colour. */
  readonly dash?: readonly number[];
}

interface Props {
  /** What the chart shows; the data table next to it holds the same numbers. */
  readonly label: string;
  /** Unix seconds (UTC midnights). */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  /** How the y axis writes a value: its ticks are whole numbers (counts, whole percents). */
  readonly format: (value: number) => string;
  /** How the x axis names a time (Unix seconds); default "23 Nov". */
  readonly xFormat?: (seconds: number) => string;
  /** Fixed y range, e.g. [0, 100] for a rate in percent. */
  readonly range?: readonly [number, number];
  readonly height?: number;
}

/**
 * A colour custom property as canvas can use it: `light-dark(…)` is resolved by letting the browser
 * compute it as a real `color` on a probe element (reading the property itself gives the raw text).
 */
function cssVar(element: HTMLElement, name: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  probe.hidden = true;
  element.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
const DAY = 86_400;
const ONE_OF_A_LINE = { show: true, size: 5 };

/**
 * A period's only point is all there is of its line: larger, so it reads as the value, and hollow,
 * each series' ring smaller than the one before (drawn before it), so that lines with the same value
 * (no cancels and no abandons yet) show as rings one inside the other, not as one dot in the last
 * line's colour.
 */
const alonePoint = (index: number, count: number, fill: string) => ({
  show: true,
  size: 10 + 8 * (count - 1 - index),
  width: 2,
  fill,
});
const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

/**
 * A uPlot line chart that follows the page's colours (redrawn when the colour scheme changes) and its
 * container's width. The canvas is hidden from assistive technology; the legend and the table beside
 * it carry the numbers.
 */
export function Chart({ label, x, series, format, xFormat = dayMonth, range, height = 240 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let plot: uPlot | undefined;
    const draw = () => {
      plot?.destroy();
      const fg = cssVar(element, '--muted');
      const grid = cssVar(element, '--grid');
      const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      plot = new uPlot(
        {
          width: Math.max(element.clientWidth, 280),
          height,
          legend: { show: false },
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
          scales: { x: { time: true }, y: range ? { range: [range[0], range[1]] } : { auto: true } },
          axes: [
            {
              ...axis,
              splits: (u) => dataTicks(u.data[0] as number[], u.width),
              values: (_u, splits) => splits.map((v) => xFormat(v)),
            },
            {
              ...axis,
              size: 56,
              // Whole numbers only: `format` writes no decimals, so a tick at 0.2 would read "0".
              splits: (_u, _axis, min, max) => wholeTicks(min, max, Math.max(2, Math.floor(height / 40))),
              values: (_u, splits) => splits.map((v) => format(v)),
            },
          ],
          series: [
            {},
            ...series.map((s, index) => ({
              label: s.label,
              stroke: cssVar(element, s.color),
              width: 2,
              dash: s.dash ? [...s.dash] : undefined,
              points: x.length === 1 ? alonePoint(index, series.length, cssVar(element, '--surface')) : ONE_OF_A_LINE,
              spanGaps: false,
            })),
          ],
        },
        [x as number[], ...series.map((s) => s.values as (number | null)[])],
        element,
      );
      plot.root.setAttribute('aria-hidden', 'true');
      // One period (a new site, a one-day range): uPlot scales a single time from itself to a day
      // later, so its point sat on the y axis. A day either side puts it in the middle.
      const [only] = x;
      if (x.length === 1 && only !== undefined) plot.setScale('x', { min: only - DAY, max: only + DAY });
    };
    draw();
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(element.clientWidth, 280), height }));
    resize.observe(element);
    const scheme = darkQuery();
    scheme?.addEventListener('change', draw);
    return () => {
      resize.disconnect();
      scheme?.removeEventListener('change', draw);
      plot?.destroy();
    };
  }, [x, series, format, xFormat, range, height]);

  return (
    <figure class="chart">
      <figcaption>{label}</figcaption>
      <ul class="legend">
        {series.map((s) => (
          <li key={s.label}>
            <span
              class={`swatch${s.dash ? ((s.dash[0] ?? 0) < 4 ? ' dotted' : ' dashed') : ''}`}
              style={{ borderColor: `var(${s.color})` }}
              aria-hidden="true"
            />
            {s.label}
          </li>
        ))}
      </ul>
      <div ref={box} class="plot" />
    </figure>
  );
}
