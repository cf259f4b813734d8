import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * The SQLite file holds subscribers' feedback and email addresses. Created as the umask allowed
 * (commonly 0644), it and its WAL were readable by every account on the machine.
 */
describe('the SQLite file the server creates (SQLite)', () => {
  it('is readable and writable by its owner only, with its WAL and shared-memory files', async () => {
    const dir = tempDir();
    const previous = process.umask(0o022); // the common default, whatever this process's is
    try {
      const file = join(dir.path, 'data', 'cf.sqlite');
      const db = await openDatabase(file);
      try {
        await db.kysely
          .insertInto('admin_revocations')
          .values({ nonce: 'n', expires_at: '2099-01-01T00:00:00.000Z' })
          .execute();
        expect(mode(file).toString(8)).toBe('600');
        expect(mode(`${file}-wal`).toString(8)).toBe('600');
        expect(mode(`${file}-shm`).toString(8)).toBe('600');
      } finally {
        await db.close();
      }
    } finally {
      process.umask(previous);
      dir.remove();
    }
  });

  it('keeps the mode an operator gave an existing file', async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'shared.sqlite');
      await (await openDatabase(file)).close();
      chmodSync(file, 0o640); // e.g. readable by a backup group
      const db = await openDatabase(file);
      await db.close();
      expect(mode(file).toString(8)).toBe('640');
    } finally {
      dir.remove();
    }
  });
});
