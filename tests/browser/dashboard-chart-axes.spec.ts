/**
 * The charts' y axes on a small history. The outcomes chart's highest count was 1, uPlot put its ticks
 * at 0.2, 0.4, … and the axis, which writes counts without decimals, read "0, 0, 0, 1, 1, 1": the
 * same number several times, at different heights. The axes' labels are drawn on the canvas, so the
 * test records the text the page draws there. With one period, where the points are drawn.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(1);
});
test.afterAll(async () => {
  await server?.close();
});

test('with one session, each y-axis label is a different whole number', async ({ page }) => {
  // What each canvas shows now: the text drawn on it since it was last cleared (uPlot clears it to redraw).
  await page.addInitScript(() => {
    const shown = new Map<HTMLCanvasElement, string[]>();
    (window as unknown as { shown: () => string[][] }).shown = () => [...shown.values()];
    const proto = CanvasRenderingContext2D.prototype;
    const { fillText, clearRect } = proto;
    proto.clearRect = function (...args: [number, number, number, number]) {
      shown.set(this.canvas, []);
      return clearRect.apply(this, args);
    };
    proto.fillText = function (...args: [string, number, number, number?]) {
      shown.get(this.canvas)?.push(String(args[0])) ?? shown.set(this.canvas, [String(args[0])]);
      return fillText.apply(this, args as [string, number, number]);
    };
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Outcomes by week')).toBeVisible();
  const shown = () => page.evaluate(() => (window as unknown as { shown: () => string[][] }).shown());
  // Two charts drawn: the save rate's labels end in "%", the outcomes' are bare numbers (dates aside).
  await expect.poll(async () => (await shown()).filter((texts) => texts.length > 0).length).toBe(2);
  for (const texts of await shown()) {
    const values = texts.filter((t) => /^\d[\d,]*%?$/.test(t));
    expect(values.length, texts.join(' ')).toBeGreaterThan(1);
    expect(new Set(values).size, values.join(' ')).toBe(values.length);
  }
});

// One period (a new site, a one-day range): uPlot scales a single time from itself to a day later, so
// the only point of each line was drawn on the y axis, where it read as part of the axis.
// And each line's point had the same size: lines with the same value (no cancels, no abandons) drew one
// dot in the last line's colour.
test('with one period, its points are drawn in the middle of the chart, not on the y axis, each its own size', async ({
  page,
}) => {
  // Where uPlot draws each point (an arc on a Path2D), in the canvas's pixels, and its radius.
  await page.addInitScript(() => {
    const xs: number[] = [];
    const radii: number[] = [];
    Object.assign(window, { pointXs: xs, pointRadii: radii });
    const { arc } = Path2D.prototype;
    Path2D.prototype.arc = function (...args: Parameters<Path2D['arc']>) {
      xs.push(args[0]);
      radii.push(args[2]);
      return arc.apply(this, args);
    };
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('table', { name: /Weekly numbers/ }).locator('tbody tr')).toHaveCount(1);
  const drawn = () =>
    page.evaluate(() => ({
      xs: (window as unknown as { pointXs: number[] }).pointXs,
      radii: (window as unknown as { pointRadii: number[] }).pointRadii,
      widths: [...document.querySelectorAll<HTMLCanvasElement>('.plot canvas')].map((c) => c.width),
    }));
  // Four lines (save rate; saved, cancelled, abandoned), one point each, in both charts' canvases.
  await expect.poll(async () => (await drawn()).xs.length).toBeGreaterThanOrEqual(4);
  const { xs, radii, widths } = await drawn();
  expect(widths).toHaveLength(2);
  expect(new Set(widths).size).toBe(1); // side by side, as wide as each other
  const width = widths[0] ?? 0;
  // The plot area starts after the y axis's labels (56 px of about 560 at 1280 px); its middle is past half the canvas.
  for (const x of xs) expect(x / width, `x ${x} of ${width}`).toBeGreaterThan(0.4);
  for (const x of xs) expect(x / width, `x ${x} of ${width}`).toBeLessThan(0.7);
  // The outcomes chart's three lines (its saved, cancelled and abandoned), the last three drawn: rings one inside the other.
  expect(new Set(radii.slice(-3)).size, radii.join(' ')).toBe(3);
});
