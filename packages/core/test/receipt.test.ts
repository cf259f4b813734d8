import { describe, expect, test } from 'vitest';
import { createTranslator, en, loadCatalog, type Receipt, receiptLines } from '../src/index.ts';
import { baseFlow, parseFlow } from './engine-harness.ts';

const receipt: Receipt = {
  id: 'rcp_1',
  sessionId: 'sess_1',
  confirmedAt: '2026-09-01T12:00:00Z',
  effectiveOn: '2026-09-30',
  subscriptionId: 'sub_ruth',
  plan: 'pro',
  refund: 'No refund applies to the current period.',
};

const flow = (policy: Record<string, unknown> = {}) =>
  parseFlow(baseFlow({ policy: { effective: 'period_end', refund: { type: 'none' }, ...policy } }));

describe('receiptLines: a legal record, in the names the subscriber knows', () => {
  test('opens with the company and its address, and names the plan by its display name', () => {
    const config = flow({
      company: { name: 'Acme Inc.', address: '1 Main Street, Springfield' },
      planNames: { pro: 'Pro', team: 'Team' },
    });
    const lines = receiptLines(receipt, createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' }), config);
    expect(lines.slice(0, 3)).toEqual(['Acme Inc.', '1 Main Street, Springfield', 'Plan: Pro']);
    expect(lines).not.toContain('Plan: pro');
  });

  test('display names follow the subscriber language; a plan of a plan_change offer is named by the offer', async () => {
    const config = flow({ company: { name: { en: 'Acme Inc.', de: 'Acme GmbH' } } });
    const t = createTranslator({ locale: 'de', catalog: await loadCatalog('de'), timeZone: 'UTC' });
    const lines = receiptLines({ ...receipt, plan: 'starter' }, t, config);
    expect(lines[0]).toBe('Acme GmbH');
    expect(lines).toContain('Tarif: Starter');
  });

  test('without names in the flow, the plan id is all there is, and no company line is invented', () => {
    const lines = receiptLines(receipt, createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' }), flow());
    expect(lines[0]).toBe('Plan: pro');
  });
});
