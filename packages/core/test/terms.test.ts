import { describe, expect, test } from 'vitest';
import { cancellationTerms, createTranslator, en, receiptLines, refundText } from '../src/index.ts';

const now = new Date('2026-03-10T12:00:00Z');
const none = { type: 'none' } as const;

describe('cancellationTerms', () => {
  test('at period end, access lasts until the paid period ends', () => {
    const terms = cancellationTerms(
      { effective: 'period_end', refund: none, retentionDays: 365 },
      { sub: 'c', periodEnd: '2026-03-31' },
      now,
    );
    expect(terms).toEqual({ effectiveOn: '2026-03-31', endsNow: false, refund: none, withdrawal: false });
  });

  test('immediately, or without a known period end, access ends today', () => {
    const prorated = { type: 'prorated' } as const;
    expect(
      cancellationTerms(
        { effective: 'immediately', refund: prorated, retentionDays: 365 },
        { sub: 'c', periodEnd: '2026-03-31' },
        now,
      ),
    ).toEqual({ effectiveOn: '2026-03-10', endsNow: true, refund: prorated, withdrawal: false });
    expect(
      cancellationTerms({ effective: 'period_end', refund: none, retentionDays: 365 }, { sub: 'c' }, now).endsNow,
    ).toBe(true);
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
    expect(terms).toEqual({ effectiveOn: '2026-03-10', endsNow: true, refund: none, withdrawal: true });
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
  const receipt = {
    id: 'rcp_1',
    sessionId: 's',
    confirmedAt: '2026-03-10T12:00:00Z',
    effectiveOn: '2026-03-31',
    refund: 'No refund applies to the current period.',
  };

  test('say what was cancelled, when, until when, the refund and the reference', () => {
    expect(receiptLines({ ...receipt, plan: 'Pro', subscriptionId: 'sub_9' }, t)).toEqual([
      'Plan: Pro',
      'Subscription: sub_9',
      // The time's exact wording is ICU's (it changes between versions); the date is ours.
      expect.stringMatching(/^Cancelled on March 10, 2026\b.*12:00/),
      'Access ends on March 31, 2026',
      'Refund: No refund applies to the current period.',
      'Reference: rcp_1',
    ]);
  });

  test('leave out what the token did not say', () => {
    expect(receiptLines(receipt, t).some((line) => line.startsWith('Plan') || line.startsWith('Subscription'))).toBe(
      false,
    );
  });
});
