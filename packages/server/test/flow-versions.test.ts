import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/http/log.ts';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, event, openSession, send, startTestServer, type TestServer, tempDir } from './helpers.ts';

// Publishing flows from the dashboard's API over real HTTP: validation with line and column, versions,
// the newest version served to new sessions without a restart, rollback, and the audit trail.
describe.each(BACKENDS)('flow versions (%s)', (backend) => {
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
  const firstLabel = async (site: 'acme' | 'hooked' = 'acme') =>
    (await openSession(t, {}, site)).body.flow.config.steps[0].reasons[0].label.en;
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

  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  it('starts with the sites file flow as the live one (version 0)', async () => {
    const reply = await admin('GET', '/flows/acme');
    expect(reply.status).toBe(200);
    expect(reply.body.live).toBe(0);
    expect(JSON.parse(reply.body.source).id).toBe('acme-main');
    expect((await admin('GET', '/flows/acme/versions')).body.versions).toEqual([]);
    expect(await firstLabel()).toBe('Too expensive');
  });

  it('refuses an invalid flow with the problems at their line and column, and stores nothing', async () => {
    const source = withLabel('Costs too much').replace('"offer": "discount_30"', '"offer": "no_such_offer"');
    const line = source.split('\n').findIndex((l) => l.includes('no_such_offer')) + 1;
    const reply = await admin('POST', '/flows/acme/versions', { source, note: 'broken' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('bad_request');
    expect(reply.body.error.problems).toContainEqual(
      expect.objectContaining({ line, path: 'steps[0].reasons[0].offer', severity: 'error' }),
    );
    expect(reply.body.error.problems[0].column).toBeGreaterThan(1);
    const syntax = await admin('POST', '/flows/acme/versions', { source: '{\n  "id": "x",\n  oops\n}' });
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.problems[0].line).toBe(3);
    // Nested 50,000 deep within the body limit: the validator's parser overflowed the stack, a 500.
    const deep = await admin('POST', '/flows/acme/versions', {
      source: `{"x": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
    });
    expect(deep.status).toBe(400);
    expect(deep.body.error.problems[0].message).toMatch(/deeper than 32 levels/);
    expect((await admin('GET', '/flows/acme/versions')).body.versions).toEqual([]);
    expect(await firstLabel()).toBe('Too expensive');
  });

  it('publishes a valid flow as version 1: new sessions get it at once, other sites keep theirs', async () => {
    const reply = await admin('POST', '/flows/acme/versions', {
      source: withLabel('Costs too much'),
      note: 'friendlier wording',
      author: 'Pat',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.version).toMatchObject({
      number: 1,
      flowId: 'acme-main',
      flowVersion: 2,
      author: 'Pat',
      via: 'key',
    });
    expect(await firstLabel()).toBe('Costs too much');
    expect(await firstLabel('hooked')).toBe('Too expensive');
    // Insights name the reason as the published flow does.
    const s1 = await openSession(t, { sub: 'named' });
    const sent = await t.call('POST', '/v1/events', {
      events: [event(s1.sessionId, 'reason_selected', { reasonId: 'too_expensive' })],
      keys: { [s1.sessionId]: s1.sessionKey },
    });
    expect(sent.body.rejected).toEqual([]);
    const reasons = (await admin('GET', '/insights/reasons?siteId=acme')).body.reasons;
    expect(reasons.find((r: { reasonId: string }) => r.reasonId === 'too_expensive').reasonLabel).toBe(
      'Costs too much',
    );
    const live = await admin('GET', '/flows/acme');
    expect(live.body.live).toBe(1);
    expect(live.body.source).toBe(withLabel('Costs too much'));
    expect((await admin('GET', '/sites')).body.sites.find((s: { id: string }) => s.id === 'acme').flowVersion).toBe(2);
  });

  it('lists versions newest first with who, when and what changed; rolls back by publishing an old one again', async () => {
    expect((await admin('POST', '/flows/acme/versions', { source: withLabel('Pricey') })).status).toBe(201);
    expect(await firstLabel()).toBe('Pricey');
    const back = await admin('POST', '/flows/acme/versions/1/restore', { note: 'undo', author: 'Pat' });
    expect(back.status).toBe(201);
    expect(back.body.version).toMatchObject({ number: 3, restoredFrom: 1, note: 'undo' });
    expect(await firstLabel()).toBe('Costs too much');

    const list = (await admin('GET', '/flows/acme/versions')).body.versions;
    expect(list.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    expect(list[2]).toMatchObject({ note: 'friendlier wording', author: 'Pat' });
    expect(list[1].changes).toEqual({ linesAdded: 2, linesRemoved: 2, fields: ['steps'] });
    expect(list[2].changes.fields).toEqual(expect.arrayContaining(['version', 'steps']));
    expect(Date.parse(list[0].publishedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await admin('GET', '/flows/acme/versions/2')).body.source).toBe(withLabel('Pricey'));

    const toFile = await admin('POST', '/flows/acme/versions/0/restore', {});
    expect(toFile.body.version).toMatchObject({ number: 4, restoredFrom: 0, flowVersion: 1 });
    expect(await firstLabel()).toBe('Too expensive');
  });

  it('answers clearly for an unknown site or version, and audits every publish and refusal', async () => {
    expect((await admin('GET', '/flows/nope')).status).toBe(404);
    expect((await admin('GET', '/flows/acme/versions/99')).status).toBe(404);
    expect((await admin('POST', '/flows/acme/versions/x/restore', {})).status).toBe(400);
    expect((await admin('POST', '/flows/acme/versions', { source: 42 })).body.error.message).toMatch(/source/);
    const unauthorized = await send(`${t.url}/v1/admin/flows/acme/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: withLabel('x') }),
    });
    expect(unauthorized.status).toBe(401);
    const { openDatabase } = await import('../src/index.ts');
    const db = await openDatabase(t.dbFile);
    try {
      const rows = await db.kysely
        .selectFrom('audit')
        .select(['code', 'status', 'detail'])
        .where('site_id', '=', 'acme')
        .where('code', 'in', ['flow_published', 'invalid_flow'])
        .orderBy('at')
        .execute();
      expect(rows.filter((r) => r.code === 'flow_published').map((r) => r.detail)).toEqual([
        'version 1 by Pat',
        'version 2 by -',
        'version 3 restoring 1 by Pat',
        'version 4 restoring 0 by -',
      ]);
      // The bad offer reference, the syntax error and the nesting too deep of the refusal test.
      expect(rows.filter((r) => r.code === 'invalid_flow')).toHaveLength(3);
    } finally {
      await db.close();
    }
  });

  it('publishes once per Idempotency-Key: a retried or overlapping publish gets the first answer', async () => {
    const publish = (body: unknown, key: string, path = '/flows/hooked/versions') =>
      send(`${t.url}/v1/admin${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
    const before = (await admin('GET', '/flows/hooked/versions')).body.versions.length;
    const body = { source: withLabel('Once'), note: 'deploy 7' };
    const replies = await Promise.all(Array.from({ length: 4 }, () => publish(body, 'deploy-7')));
    replies.push(await publish(body, 'deploy-7'));
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(replies.map((r) => r.body.version.number)).size).toBe(1);
    expect((await publish({ ...body, note: 'another' }, 'deploy-7')).status).toBe(422);
    const restores = await Promise.all(
      [0, 1].map(() => publish({ note: 'back' }, 'undo-7', '/flows/hooked/versions/0/restore')),
    );
    expect(restores[0]?.body.version.number).toBe(restores[1]?.body.version.number);
    const versions = (await admin('GET', '/flows/hooked/versions')).body.versions;
    expect(versions).toHaveLength(before + 2);
    // A refused publish is not stored: the same key runs again once the flow is fixed.
    const broken = await publish({ source: '{ oops' }, 'deploy-8');
    expect(broken.status).toBe(400);
    expect(broken.body.error.problems.length).toBeGreaterThan(0);
    expect((await publish({ source: withLabel('Fixed') }, 'deploy-8')).status).toBe(201);
  });

  it('publishes no new version for a flow identical to the newest: 200, unchanged, naming that version', async () => {
    const source = withLabel('Same as before');
    const first = await admin('POST', '/flows/acme/versions', { source, note: 'first' });
    expect(first.status).toBe(201);
    expect(first.body.unchanged).toBe(false);
    const number = first.body.version.number as number;
    const again = await admin('POST', '/flows/acme/versions', { source, note: 'again', author: 'Sam' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, version: { number, note: 'first' } });
    expect(again.body.message).toContain(`nothing changed since version ${number}`);
    // Restoring the live version, or one with the same text, is the same non-event.
    expect((await admin('POST', `/flows/acme/versions/${number}/restore`, {})).body).toMatchObject({
      unchanged: true,
      version: { number },
    });
    // Two identical publishes at once: one version between them.
    const changed = withLabel('Changed once');
    const both = await Promise.all([0, 1].map(() => admin('POST', '/flows/acme/versions', { source: changed })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(new Set(both.map((r) => r.body.version.number))).toEqual(new Set([number + 1]));
    const list = (await admin('GET', '/flows/acme/versions')).body.versions;
    expect(list.map((v: { number: number }) => v.number).slice(0, 2)).toEqual([number + 1, number]);
    // A change of spacing alone is a different text: it is published (what the editor shows is what is stored).
    const respaced = await admin('POST', '/flows/acme/versions', { source: `${changed}\n` });
    expect([respaced.status, respaced.body.version.number]).toEqual([201, number + 2]);
    const { openDatabase } = await import('../src/index.ts');
    const db = await openDatabase(t.dbFile);
    try {
      const unchanged = await db.kysely
        .selectFrom('audit')
        .select(['status', 'detail'])
        .where('code', '=', 'flow_unchanged')
        .orderBy('at')
        .execute();
      expect(unchanged[0]).toEqual({ status: 200, detail: `version ${number} by Sam` });
      expect(unchanged).toHaveLength(3);
    } finally {
      await db.close();
    }
  });
});

describe('start-up', () => {
  it('says which sites run a flow published from the dashboard, so an edited sites file is not a mystery', async () => {
    const dir = tempDir();
    try {
      const first = await startTestServer({ dir: dir.path });
      const published = await send(`${first.url}/v1/admin/flows/acme/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: JSON.stringify({ ...mainFlow, version: 2 }) }),
      });
      expect(published.status).toBe(201);
      await first.close();
      const logs: LogEntry[] = [];
      const second = await startTestServer({ dir: dir.path, log: (entry) => logs.push(entry) });
      await second.close();
      const said = logs.filter((entry) => entry.msg.includes('published from the dashboard'));
      expect(said).toEqual([expect.objectContaining({ site: 'acme', msg: expect.stringContaining('(version 1)') })]);
    } finally {
      dir.remove();
    }
  });
});
