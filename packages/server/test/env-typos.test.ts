import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { unknownVariables } from '../src/config/variables.ts';
import { tempDir, writeSites } from './helpers.ts';
import { killServers, spawnServer } from './process.ts';

const dir = tempDir();
const sitesFile = writeSites(dir.path);
afterEach(killServers);
afterAll(() => dir.remove());

const ignored = (name: string) => `environment variable ${name} is not a cancelflow setting and is ignored`;

/**
 * A misspelled variable (`CANCELFLOW_PUBLICURL` for `CANCELFLOW_PUBLIC_URL`) was ignored without a
 * word: the server ran on the default and the operator looked for the fault elsewhere.
 */
describe('CANCELFLOW_* variables the server does not read', () => {
  it("are warned about at start, once each, with the setting meant; the tools' own variables are not", async () => {
    const server = await spawnServer({
      CANCELFLOW_DB: join(dir.path, 'typos.sqlite'),
      CANCELFLOW_SITES: sitesFile,
      CANCELFLOW_PUBLICURL: 'https://cancel.example.com',
      CANCELFLOW_DATABASE: join(dir.path, 'other.sqlite'),
      CANCELFLOW_FROBNICATE: '1',
      // The test Postgres script's: a server started by the test suite or CI inherits it.
      CANCELFLOW_PG_DIR: join(dir.path, 'pg'),
    });
    expect(await server.stop()).toBe(0);
    const warnings = server
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; msg: string })
      .filter((entry) => entry.msg.includes('is not a cancelflow setting'))
      .map(({ level, msg }) => ({ level, msg }));
    expect(warnings).toEqual([
      { level: 'warn', msg: `${ignored('CANCELFLOW_DATABASE')}: did you mean CANCELFLOW_DB?` },
      { level: 'warn', msg: `${ignored('CANCELFLOW_FROBNICATE')} (the settings: docs/server.md#configuration)` },
      { level: 'warn', msg: `${ignored('CANCELFLOW_PUBLICURL')}: did you mean CANCELFLOW_PUBLIC_URL?` },
    ]);
  }, 60_000);

  it('name the closest setting for other slips too, and none when nothing is close', () => {
    const meant = (name: string) => /did you mean (\w+)\?$/.exec(unknownVariables({ [name]: 'x' })[0] ?? '')?.[1];
    expect(meant('CANCELFLOW_ADMINKEY')).toBe('CANCELFLOW_ADMIN_KEY');
    expect(meant('CANCELFLOW_SITE')).toBe('CANCELFLOW_SITES');
    expect(meant('CANCELFLOW_RATE_LIMIT_IPS')).toBe('CANCELFLOW_RATE_LIMIT_IP');
    expect(meant('CANCELFLOW_WEBHOOK_RETRY_MAX')).toBe('CANCELFLOW_WEBHOOK_RETRY_MAX_MS');
    expect(meant('CANCELFLOW_TRUSTED_PROXY')).toBe('CANCELFLOW_TRUST_PROXY');
    expect(meant('CANCELFLOW_X')).toBeUndefined();
    // Variables not of cancelflow, and the ones it reads, are not its business here.
    expect(
      unknownVariables({ CANCELFLOW_DB: 'x', CANCELFLOW_TEST_PG: 'x', HOME: '/root', cancelflow_db: 'x' }),
    ).toEqual([]);
  });
});
