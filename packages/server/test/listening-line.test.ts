import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/http/log.ts';
import { startServer } from '../src/index.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ORIGIN, SECRETS, tempDir } from './helpers.ts';

const dir = tempDir();
afterAll(() => dir.remove());

describe('the listening line with many sites', () => {
  it('names the first 50 and counts the rest, so it stays one short line', async () => {
    writeFileSync(join(dir.path, 'main.json'), JSON.stringify(mainFlow));
    // Ids as long as allowed (64 characters): the line grew by 67 bytes a site.
    const ids = Array.from({ length: 300 }, (_, i) => `${String(i).padStart(3, '0')}-${'s'.repeat(60)}`);
    const sitesFile = join(dir.path, 'sites.json');
    writeFileSync(
      sitesFile,
      JSON.stringify(
        ids.map((id) => ({
          id,
          secret: SECRETS.acme,
          origins: [ORIGIN],
          flow: 'main.json',
          billing: { type: 'demo' },
        })),
      ),
    );
    const entries: LogEntry[] = [];
    const server = await startServer({
      port: 0,
      db: join(dir.path, 'many.sqlite'),
      sitesFile,
      widgetDir: false,
      handleSignals: false,
      log: (entry) => entries.push(entry),
      env: {},
    });
    await server.close();
    const listening = entries.find((e) => e.msg === 'listening');
    expect(listening?.sites).toEqual(ids.slice(0, 50));
    expect(listening?.sitesNotListed).toBe(250);
    // Under the 16 KB at which Docker's json-file driver splits a line (it was 20 KB here).
    expect(JSON.stringify(listening).length).toBeLessThan(16 * 1024);
  });
});
