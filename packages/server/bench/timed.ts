/** Times of one request, repeated: the median, the fastest and the slowest, in ms. */
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Fetches an admin API `url` `runs` times, one after another (an error status throws). */
export async function timed(url: string, adminKey: string, runs = 7): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const reply = await fetch(url, { headers: { authorization: `Bearer ${adminKey}` } });
    if (!reply.ok) throw new Error(`${url}: ${reply.status} ${await reply.text()}`);
    await reply.text();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] ?? 0, min: times[0] ?? 0, max: times[runs - 1] ?? 0 };
}

/** A Markdown table row: `| label | median | min | max |`. */
export const timingRow = (label: string, t: Timing): string =>
  `| ${label} | ${t.median.toFixed(1)} | ${t.min.toFixed(1)} | ${t.max.toFixed(1)} |`;
