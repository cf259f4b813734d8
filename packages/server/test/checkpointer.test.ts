import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
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

describe('scrubbing deleted rows (after an erasure)', () => {
  it('waits for a reader on an older snapshot, then leaves nothing of the rows in the WAL', async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'scrub.sqlite');
      const db = await openDatabase(file);
      const marker = `scrub-marker-${Date.now()}`;
      const row = { session_id: 'ses_scrub', type: 'step_viewed', at: '', received_at: '', payload_json: marker };
      await db.kysely
        .insertInto('events')
        .values({ id: 'evt_scrub', ...row })
        .execute();
      // Another connection reads inside a transaction: its snapshot pins the WAL's frames.
      const reader = new SQLite(file);
      reader.prepare('begin').run();
      reader.prepare('select count(*) from events').get();
      await db.kysely.deleteFrom('events').where('id', '=', 'evt_scrub').execute();
      await db.kysely
        .insertInto('events')
        .values({ id: 'evt_after', ...row, payload_json: 'other' })
        .execute();
      setTimeout(() => reader.prepare('commit').run(), 300);
      await db.scrubDeleted();
      for (const each of [file, `${file}-wal`]) {
        expect(readFileSync(each).includes(marker), each).toBe(false);
      }
      reader.close();
      await db.close();
    } finally {
      dir.remove();
    }
  });
});
