import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadSitesFile, openDatabase, seedSampleHistory } from '../src/index.ts';
import { tempDir } from './helpers.ts';

// The sample history (`cancelflow demo`, the dashboard's screenshots) took the demo flow's contact
// offer ("Talk to us") as often as 14% of the times it was shown, with MRR saved. The server refuses
// to accept a contact offer (422: following its links is not a decision to stay), and the dashboard
// says it counts as shown, never as accepted: the demo's offers table showed what no real server can.
const dir = tempDir();
afterAll(() => dir.remove());

it('never takes a contact offer, though it shows it', async () => {
  const sitesFile = join(dir.path, 'sites.json');
  const flow = new URL('../../../examples/flows/demo.json', import.meta.url).pathname;
  writeFileSync(
    sitesFile,
    JSON.stringify([
      {
        id: 'demo',
        secret: 'sample-contact-secret-0123456789abcdef',
        origins: ['https://app.example'],
        flow,
        billing: { type: 'demo' },
      },
    ]),
  );
  const [site] = loadSitesFile(sitesFile);
  if (!site) throw new Error('no site');
  const db = await openDatabase(join(dir.path, 'sample.sqlite'));
  try {
    await seedSampleHistory(db.kysely, site, { sessions: 1000, seed: 7, now: new Date('2026-06-30T12:00:00Z') });
    const shown = await db.kysely
      .selectFrom('events')
      .select(['type', 'payload_json'])
      .where('type', 'in', ['offer_shown', 'offer_accepted'])
      .execute();
    const contact = (type: string) =>
      shown.filter((e) => e.type === type && JSON.parse(e.payload_json).offerType === 'contact').length;
    expect(contact('offer_shown')).toBeGreaterThan(0);
    expect(contact('offer_accepted')).toBe(0);
    const taken = await db.kysely
      .selectFrom('offers_accepted')
      .select('offer_type')
      .where('offer_type', '=', 'contact')
      .execute();
    expect(taken).toEqual([]);
  } finally {
    await db.close();
  }
});
