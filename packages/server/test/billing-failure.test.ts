import { describe, expect, it } from 'vitest';
import { BillingError } from '../src/billing/types.ts';
import { billingFailure } from '../src/sessions/decision.ts';

// What the subscriber is told after a billing call failed must match what the server does with the
// decision's claim: dropped ("nothing was changed") only on billing's own refusal, kept (retry the
// same thing) otherwise.
describe('billingFailure', () => {
  it('says nothing was changed when billing refused', () => {
    const failure = billingFailure(new BillingError('card declined'), 'apply this offer');
    expect(failure.code).toBe('billing_failed');
    expect(failure.message).toBe('the billing system could not apply this offer; nothing was changed');
  });

  it('asks for the same request again when billing could not say', () => {
    const failure = billingFailure(new BillingError('timed out', { outcome: 'unknown' }), 'cancel the subscription');
    expect(failure.message).toMatch(/did not confirm that it could cancel the subscription; retry the same request/);
  });

  it("asks for the same request again after a plugin's own error, which may have come after the provider applied it", () => {
    const failure = billingFailure(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'apply this offer',
    );
    expect(failure.message).not.toMatch(/nothing was changed/);
    expect(failure.message).toMatch(/retry the same request/);
    expect(failure.cause).toBeInstanceOf(TypeError);
  });
});
