import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BILLING_STATUSES } from '../src/saves/schema.ts';
import { ADMIN_KEY, send, startTestServer, type TestServer } from './helpers.ts';

/**
 * docs/billing.md's table of the status callback's body, checked against the running server: every
 * required field is required (a body without it is a 422 naming it), every optional one is optional,
 * no field outside the table is taken, and the statuses listed are the server's.
 */
function bodyTable(): Map<string, { required: boolean; value: string }> {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/billing.md', import.meta.url)), 'utf8');
  const start = doc.indexOf('### The status callback');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  const rows = new Map<string, { required: boolean; value: string }>();
  for (const [, field, required, value] of section.matchAll(/^\| `([a-zA-Z.]+)` +\| (yes|no) +\| (.+?) +\|$/gm)) {
    rows.set(field as string, { required: required === 'yes', value: value as string });
  }
  return rows;
}

describe('docs/billing.md: the status callback body', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  let n = 0;
  /** A full body (every documented field) with `change` applied, sent with the admin key. */
  function post(change: (body: Record<string, unknown>) => void) {
    n += 1;
    const body: Record<string, unknown> = {
      id: `chg_docs_${n}`,
      siteId: 'acme',
      subscriber: { sub: 'cus_docs', sid: 'sub_docs' },
      status: 'active',
      at: new Date().toISOString(),
    };
    change(body);
    return send(`${t.url}/v1/billing/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify(body),
    });
  }
  /** Deletes `a.b` from the body. */
  const without = (path: string) => (body: Record<string, unknown>) => {
    const [first, second] = path.split('.') as [string, string?];
    if (second === undefined) delete body[first];
    else delete (body[first] as Record<string, unknown>)[second];
  };

  it('lists every field the body has', () => {
    expect([...bodyTable().keys()].sort()).toEqual([
      'at',
      'id',
      'siteId',
      'status',
      'subscriber.sid',
      'subscriber.sub',
    ]);
  });

  it('answers as the table says for each field left out', async () => {
    for (const [field, { required }] of bodyTable()) {
      const reply = await post(without(field));
      if (required) {
        expect(reply.status, field).toBeGreaterThanOrEqual(400);
        // An unknown site (without siteId) is a 404; every other gap a 422 naming the field.
        if (field !== 'siteId')
          expect(reply.body.error.message, field).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
      } else {
        expect(reply.status, field).toBe(200);
      }
    }
  });

  it('takes no field outside the table, and the statuses it lists', async () => {
    const extra = await post((body) => {
      body.plan = 'pro';
    });
    expect(extra.status).toBe(422);
    expect(extra.body.error.message).toBe('plan is not a field of the status callback');
    const listed = [
      ...(bodyTable()
        .get('status')
        ?.value.matchAll(/`([a-z_]+)`/g) ?? []),
    ].map((m) => m[1]);
    expect(listed).toEqual([...BILLING_STATUSES]);
    for (const status of listed) {
      expect((await post((body) => Object.assign(body, { status }))).status, status).toBe(200);
    }
  });
});
