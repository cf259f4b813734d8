import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, openSession, send, startTestServer, type TestServer } from './helpers.ts';

// Two people editing one site's flow (two dashboard tabs): each publish names the version its draft was
// edited from (`baseVersion`), and one edited from a version that is no longer the newest is refused
// with 409 instead of silently replacing the other's publish. Over real HTTP, on each backend.
describe.each(BACKENDS)('flow publish conflicts (%s)', (backend) => {
  let t: TestServer;
  const admin = (method: string, path: string, body?: unknown) =>
    send(`${t.url}/v1/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const withLabel = (label: string) =>
    JSON.stringify(
      {
        ...mainFlow,
        version: 2,
        steps: mainFlow.steps.map((s) =>
          s.type === 'survey'
            ? { ...s, reasons: s.reasons.map((r, i) => (i === 0 ? { ...r, label: { en: label, de: label } } : r)) }
            : s,
        ),
      },
      null,
      2,
    );
  const firstLabel = async () => (await openSession(t, {})).body.flow.config.steps[0].reasons[0].label.en;
  const numbers = async () =>
    (await admin('GET', '/flows/acme/versions')).body.versions.map((v: { number: number }) => v.number);

  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  it('refuses a publish edited from a version that is no longer the newest, naming who published since', async () => {
    expect((await admin('GET', '/flows/acme')).body.live).toBe(0);
    const first = await admin('POST', '/flows/acme/versions', {
      source: withLabel('From tab A'),
      author: 'Alex',
      baseVersion: 0,
    });
    expect(first.status).toBe(201);

    const second = await admin('POST', '/flows/acme/versions', {
      source: withLabel('From tab B'),
      author: 'Bo',
      baseVersion: 0,
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'conflict', live: 1, version: { number: 1, author: 'Alex' } });
    expect(second.body.error.message).toMatch(
      /^version 1 \(by Alex, \d{4}-\d\d-\d\d \d\d:\d\d UTC\) was published after version 0, which this flow was edited from; nothing was published/,
    );
    expect(await numbers()).toEqual([1]);
    expect(await firstLabel()).toBe('From tab A');

    // Having compared, B publishes over version 1 on purpose.
    const again = await admin('POST', '/flows/acme/versions', { source: withLabel('From tab B'), baseVersion: 1 });
    expect(again.status).toBe(201);
    expect(again.body.version.number).toBe(2);
    expect(await firstLabel()).toBe('From tab B');
  });

  it('lets a stale draft that equals the newest version through as unchanged: nothing would be lost', async () => {
    const same = await admin('POST', '/flows/acme/versions', { source: withLabel('From tab B'), baseVersion: 0 });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ unchanged: true, version: { number: 2 } });
  });

  it('checks a rollback the same way, and a publish without baseVersion (a deploy script) as before', async () => {
    const stale = await admin('POST', '/flows/acme/versions/1/restore', { baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.live).toBe(2);
    expect(await numbers()).toEqual([2, 1]);
    const fresh = await admin('POST', '/flows/acme/versions/1/restore', { baseVersion: 2 });
    expect(fresh.status).toBe(201);
    expect(fresh.body.version).toMatchObject({ number: 3, restoredFrom: 1 });
    const deploy = await admin('POST', '/flows/acme/versions', { source: withLabel('From the deploy') });
    expect(deploy.status).toBe(201);
    expect(deploy.body.version.number).toBe(4);
  });

  it('lets only one of two publishes from the same base win when they race', async () => {
    const replies = await Promise.all(
      ['Race one', 'Race two'].map((label) =>
        admin('POST', '/flows/acme/versions', { source: withLabel(label), baseVersion: 4 }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await numbers()).toEqual([5, 4, 3, 2, 1]);
  });

  it('refuses a baseVersion that is not a whole number, and audits each conflict', async () => {
    for (const baseVersion of ['5', -1, 1.5]) {
      const reply = await admin('POST', '/flows/acme/versions', { source: withLabel('Bad base'), baseVersion });
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(/baseVersion must be a whole number/);
    }
    const { openDatabase } = await import('../src/index.ts');
    const db = await openDatabase(t.dbFile);
    try {
      const rows = await db.kysely
        .selectFrom('audit')
        .select(['status', 'detail'])
        .where('code', '=', 'flow_conflict')
        .orderBy('at')
        .execute();
      expect(rows).toEqual([
        { status: 409, detail: 'base 0 but live 1 by Bo' },
        { status: 409, detail: 'base 1 but live 2 by -' },
        { status: 409, detail: 'base 4 but live 5 by -' },
      ]);
    } finally {
      await db.close();
    }
  });
});
