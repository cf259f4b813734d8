import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, send, startTestServer, type TestServer } from './helpers.ts';

/**
 * A flow's `version` is stored in integer columns (flow_versions, sessions). Past 2^31 - 1 Postgres
 * refused it and the publish answered 500 there, while SQLite stored it: the validator now refuses
 * it, naming the field, before either database sees it.
 */
describe.each(BACKENDS)('a flow version past 2^31 - 1, on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  const publish = (version: number) =>
    send(`${t.url}/v1/admin/flows/acme/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source: JSON.stringify({ ...mainFlow, version }) }),
    });

  it('is refused as a problem of `version`; the largest one stored is published', async () => {
    const over = await publish(2 ** 31);
    expect(over.status).toBe(400);
    expect(over.body.error.problems).toMatchObject([
      { path: 'version', message: 'must be at most 2147483647, not the number 2147483648' },
    ]);
    const largest = await publish(2 ** 31 - 1);
    expect(largest.status).toBe(201);
    expect(largest.body.version.flowVersion).toBe(2 ** 31 - 1);
  });
});
