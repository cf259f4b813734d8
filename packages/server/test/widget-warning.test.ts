import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/http/log.ts';
import { type StartServerOptions, startServer } from '../src/index.ts';
import { send, tempDir, writeSites } from './helpers.ts';

const dir = tempDir();
const sitesFile = writeSites(dir.path);
afterAll(() => dir.remove());

/**
 * Starts the server from code as an embedding application would, then stops it: the warnings it
 * logged about the widget, and what `/cancelflow.js` answered meanwhile.
 */
async function widgetWarnings(name: string, options: Partial<StartServerOptions>) {
  const entries: LogEntry[] = [];
  const server = await startServer({
    port: 0,
    db: join(dir.path, `${name}.sqlite`),
    sitesFile,
    adminKey: 'widget-warning-admin-key-0123456789abcdef',
    handleSignals: false,
    env: {},
    log: (entry) => entries.push(entry),
    ...options,
  });
  const loader = (await send(`${server.url}/cancelflow.js`, {})).status;
  await server.close();
  const warnings = entries.filter((e) => e.level === 'warn' && e.msg.includes('widget')).map((e) => e.msg);
  return { loader, warnings };
}

describe('startServer() and the widget', () => {
  it('says once that it serves no widget, what that breaks, and how to fix it', async () => {
    const { loader, warnings } = await widgetWarnings('none', {});
    expect(loader).toBe(404);
    expect(warnings).toEqual([
      "the widget's files are not served: /cancelflow.js answers 404, so a page that loads the widget from this server shows no cancel flow (its own cancel still happens). Set widgetDir (cancelflow serve --widget-dir, CANCELFLOW_WIDGET_DIR) to the widget's dist folder (node_modules/@cancelflow/widget/dist once installed), or widgetDir: false (--widget-dir false, CANCELFLOW_WIDGET_DIR=false) when the widget is served from elsewhere",
    ]);
  });

  it('reads CANCELFLOW_WIDGET_DIR from the env option too: an empty one is none', async () => {
    const { warnings } = await widgetWarnings('empty-env', { env: { CANCELFLOW_WIDGET_DIR: '' } });
    expect(warnings).toHaveLength(1);
  });

  it('says nothing with widgetDir: false (served elsewhere, on purpose), and serves none', async () => {
    const { loader, warnings } = await widgetWarnings('elsewhere', { widgetDir: false });
    expect(loader).toBe(404);
    expect(warnings).toEqual([]);
  });

  it('says nothing with CANCELFLOW_WIDGET_DIR=false, the variable for widgetDir: false, and serves none', async () => {
    // It stopped start-up: "false" was taken for a folder without cancelflow.js.
    const { loader, warnings } = await widgetWarnings('elsewhere-env', { env: { CANCELFLOW_WIDGET_DIR: 'false' } });
    expect(loader).toBe(404);
    expect(warnings).toEqual([]);
  });

  it('a widgetDir option wins over CANCELFLOW_WIDGET_DIR=false', async () => {
    const widgetDir = join(dir.path, 'widget-over-false');
    mkdirSync(widgetDir);
    writeFileSync(join(widgetDir, 'cancelflow.js'), 'export {};\n');
    const { loader } = await widgetWarnings('dir-over-false', { widgetDir, env: { CANCELFLOW_WIDGET_DIR: 'false' } });
    expect(loader).toBe(200);
  });

  it('widgetDir: false wins over CANCELFLOW_WIDGET_DIR, as every option wins over its variable', async () => {
    const widgetDir = join(dir.path, 'widget-env');
    mkdirSync(widgetDir);
    writeFileSync(join(widgetDir, 'cancelflow.js'), 'export {};\n');
    const { loader, warnings } = await widgetWarnings('false-over-env', {
      widgetDir: false,
      env: { CANCELFLOW_WIDGET_DIR: widgetDir },
    });
    expect(loader).toBe(404);
    expect(warnings).toEqual([]);
  });

  it('says nothing of the widget when it serves it', async () => {
    const widgetDir = join(dir.path, 'widget');
    mkdirSync(widgetDir);
    writeFileSync(join(widgetDir, 'cancelflow.js'), 'export {};\n');
    const { loader, warnings } = await widgetWarnings('served', { widgetDir });
    expect(loader).toBe(200);
    expect(warnings).toEqual([]);
  });
});
