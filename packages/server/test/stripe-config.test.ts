import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSitesFile } from '../src/config/sites.ts';
import { mainFlow } from './fixtures/flows.ts';
import { SECRETS, tempDir } from './helpers.ts';

/** The `stripe` billing entry of the sites file: secrets from the environment, every plan priced. */
describe('sites file: billing type "stripe"', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());
  writeFileSync(join(temp.path, 'main.json'), JSON.stringify(mainFlow));
  const PRICES = { starter: 'price_starter', basic: 'price_basic' };

  function load(billing: Record<string, unknown>) {
    const file = join(temp.path, 'sites.json');
    const site = { id: 'acme', secret: SECRETS.acme, origins: ['https://a.example'], flow: 'main.json', billing };
    writeFileSync(file, JSON.stringify([site]));
    return loadSitesFile(file)[0]?.billing;
  }

  it('reads the secrets from the environment variables it names', () => {
    process.env.CF_TEST_STRIPE_KEY = 'sk_test_from_env';
    const billing = load({
      type: 'stripe',
      secretKey: 'env:CF_TEST_STRIPE_KEY',
      webhookSecret: 'whsec_1',
      prices: PRICES,
    });
    expect(billing).toEqual({
      type: 'stripe',
      secretKey: 'sk_test_from_env',
      webhookSecret: 'whsec_1',
      prices: PRICES,
    });
  });

  it('names the field when a variable is unset, a key is not a Stripe key, or a plan has no price', () => {
    delete process.env.CF_TEST_UNSET;
    expect(() =>
      load({ type: 'stripe', secretKey: 'env:CF_TEST_UNSET', webhookSecret: 'whsec_1', prices: PRICES }),
    ).toThrow(/\[0\]\.billing\.secretKey names the environment variable CF_TEST_UNSET, which is not set/);
    expect(() => load({ type: 'stripe', secretKey: 'pk_test_1', webhookSecret: 'whsec_1', prices: PRICES })).toThrow(
      /secretKey must start with sk_ or rk_/,
    );
    expect(() =>
      load({ type: 'stripe', secretKey: 'sk_test_1', webhookSecret: 'whsec_1', prices: { starter: 'price_s' } }),
    ).toThrow(/billing\.prices has no Stripe price for the plan\(s\) basic/);
    expect(() =>
      load({ type: 'stripe', secretKey: 'sk_test_1', webhookSecret: 'whsec_1', prices: { basic: 'prod_1' } }),
    ).toThrow(/prices\.basic must be a Stripe price id/);
  });
});
