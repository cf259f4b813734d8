import { describe, expect, test } from 'vitest';
import {
  accessText,
  cancellationTerms,
  createTranslator,
  en,
  loadCatalog,
  receiptLines,
  refundText,
} from '../src/index.ts';

const now = new Date('2026-03-10T12:00:00Z');
const none = { type: 'none' } as const;

describe('cancellationTerms', () => {
  test('at period end, access lasts until the paid period ends', () => {
    const terms = cancellationTerms(
      { effective: 'period_end', refund: none, retentionDays: 365 },
      { sub: 'c', periodEnd: '2026-03-31' },
      now,
    );
    expect(terms).toEqual({
      effectiveOn: '2026-03-31',
      endsNow: false,
      refund: none,
      refundAmount: 0,
      withdrawal: false,
    });
  });

  test('immediately, access ends today', () => {
    const prorated = { type: 'prorated' } as const;
    expect(
      cancellationTerms(
        { effective: 'immediately', refund: prorated, retentionDays: 365 },
        { sub: 'c', periodEnd: '2026-03-31' },
        now,
      ),
    ).toEqual({ effectiveOn: '2026-03-10', endsNow: true, refund: prorated, withdrawal: false });
  });

  test('at period end with no known period end, access lasts until the period ends, on no invented date', async () => {
    const policy = { effective: 'period_end', refund: none, retentionDays: 365 } as const;
    const terms = cancellationTerms(policy, { sub: 'c' }, now);
    expect(terms).toEqual({ endsNow: false, refund: none, refundAmount: 0, withdrawal: false });
    const t = createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' });
    expect(accessText(t, terms)).toBe('Your access lasts until the end of the current billing period.');
    const de = createTranslator({ locale: 'de', catalog: await loadCatalog('de'), timeZone: 'UTC' });
    expect(accessText(de, terms)).not.toMatch(/sofort/);
  });

  test('a period end in the past does not promise access that already ended', () => {
    const terms = cancellationTerms(
      { effective: 'period_end', refund: none, retentionDays: 365 },
      { sub: 'c', periodEnd: '2026-02-28' },
      now,
    );
    expect(terms).toMatchObject({ effectiveOn: '2026-03-10', endsNow: true });
  });
});

describe('a withdrawal', () => {
  const policy = { effective: 'period_end', refund: none, retentionDays: 365 } as const;

  test('ends the contract at once, whatever the period end', () => {
    const terms = cancellationTerms(policy, { sub: 'c', periodEnd: '2026-03-31' }, now, { withdrawal: true });
    expect(terms).toMatchObject({ effectiveOn: '2026-03-10', endsNow: true, refund: none, withdrawal: true });
  });

  test("refunds everything, in words that say so, instead of the flow's refund rule", () => {
    const t = createTranslator({ locale: 'en', catalog: en });
    const terms = cancellationTerms(policy, { sub: 'c' }, now, { withdrawal: true });
    expect(refundText(t, terms)).toBe('You withdrew from the contract: everything you paid is refunded.');
    expect(refundText(t, { ...terms, withdrawal: false })).toBe('No refund applies to the current period.');
  });
});

describe('receiptLines', () => {
  const t = createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' });
  // A flow that names neither its company nor its plans (receipt.test.ts covers the names).
  const flow = { policy: { effective: 'period_end', refund: none, retentionDays: 365 }, offers: {} } as const;
  const receipt = {
    id: 'rcp_1',
    sessionId: 's',
    confirmedAt: '2026-03-10T12:00:00Z',
    effectiveOn: '2026-03-31',
    refund: 'No refund applies to the current period.',
  };

  test('say what was cancelled, when, until when, the refund and the reference', () => {
    expect(receiptLines({ ...receipt, plan: 'Pro', subscriptionId: 'sub_9' }, t, flow)).toEqual([
      'Plan: Pro',
      'Subscription: sub_9',
      // The time's exact wording is ICU's (it changes between versions); the date is ours.
      expect.stringMatching(/^Cancelled on March 10, 2026\b.*12:00/),
      'Access ends on March 31, 2026',
      'Refund: No refund applies to the current period.',
      'Reference: rcp_1',
    ]);
  });

  test('say that access lasts until the end of the billing period when its day was not known', () => {
    const { effectiveOn: _unknown, ...open } = receipt;
    expect(receiptLines(open, t, flow)).toContain('Your access lasts until the end of the current billing period.');
  });

  test('leave out what the token did not say', () => {
    expect(
      receiptLines(receipt, t, flow).some((line) => line.startsWith('Plan') || line.startsWith('Subscription')),
    ).toBe(false);
  });
});

describe('the refund this subscriber gets', () => {
  const t = createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' });
  const fullWithin = {
    effective: 'period_end',
    refund: { type: 'full_within', days: 14 },
    retentionDays: 365,
  } as const;
  const paid = { sub: 'c', periodEnd: '2026-03-31', currency: 'USD', lastPaymentAmount: 49 };
  const said = (policy: Parameters<typeof cancellationTerms>[0], claims: Parameters<typeof cancellationTerms>[1]) =>
    refundText(t, cancellationTerms(policy, claims, now));

  test('within the refund window of a known payment: the amount', () => {
    expect(said(fullWithin, { ...paid, lastPaymentOn: '2026-03-01' })).toBe('You will be refunded $49.');
    // The last day of the window still counts: paid 24 February, 14 days later is 10 March.
    expect(said(fullWithin, { ...paid, lastPaymentOn: '2026-02-24' })).toBe('You will be refunded $49.');
  });

  test('after the window: no refund, said plainly', () => {
    expect(said(fullWithin, { ...paid, lastPaymentOn: '2026-02-23' })).toBe('No refund applies to the current period.');
    // Known to be outside the window even without the amount.
    expect(said(fullWithin, { sub: 'c', lastPaymentOn: '2026-01-15' })).toBe(
      'No refund applies to the current period.',
    );
  });

  test('the rule, where the payment is not known', () => {
    expect(said(fullWithin, { sub: 'c' })).toBe(
      'You get a full refund if you cancel within 14 days of your last payment.',
    );
    expect(said(fullWithin, { sub: 'c', lastPaymentOn: '2026-03-01' })).toBe(
      'You get a full refund if you cancel within 14 days of your last payment.',
    );
  });

  test('prorated, when access ends now: the unused days of the paid period', () => {
    const prorated = { effective: 'immediately', refund: { type: 'prorated' }, retentionDays: 365 } as const;
    // Paid 28 Feb for the period to 30 March (30 days); cancelling on 10 March leaves 20 unused.
    const claims = { ...paid, lastPaymentOn: '2026-02-28', periodEnd: '2026-03-30', lastPaymentAmount: 30 };
    expect(said(prorated, claims)).toBe('You will be refunded $20.');
    expect(said(prorated, { sub: 'c' })).toBe('You will get a refund for the unused part of the current period.');
  });
});
