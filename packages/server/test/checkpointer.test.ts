import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const until = async (check: () => boolean, ms: number) => {
  for (const start = Date.now(); Date.now() - start < ms; ) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
};

describe('SQLite checkpoints', () => {
  it('are made by the background thread, not by the committing connection', async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'wal.sqlite');
      const db = await openDatabase(file);
      const before = statSync(file).size;
      // ~2 MB of events: far below the connection's own autocheckpoint threshold (20,000 pages).
      for (let batch = 0; batch < 20; batch++) {
        await db.kysely
          .insertInto('events')
          .values(
            Array.from({ length: 50 }, (_, i) => ({
              id: `evt_${batch}_${i}`,
              session_id: 'ses_wal',
              type: 'step_viewed',
              at: '',
              received_at: '',
              payload_json: JSON.stringify({ pad: 'x'.repeat(2000) }),
            })),
          )
          .execute();
      }
      // Only a checkpoint copies pages from the WAL into the database file.
      expect(await until(() => statSync(file).size > before + 1_000_000, 5000)).toBe(true);
      await db.close();
    } finally {
      dir.remove();
    }
  });
});
