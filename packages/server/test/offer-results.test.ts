import { expect, it } from 'vitest';
import { minimalResult } from '../src/privacy/offer-results.ts';

it("keeps of billing's answer only the change an offer made: a pause's end, a plan, a trial's end", () => {
  const answer = {
    message: 'Jane, your trial is extended.',
    trialEndsOn: '2027-01-15',
    resumesOn: '2027-02-01',
    planId: 'basic',
    account: 'ACCT-77',
  };
  expect(JSON.parse(minimalResult(JSON.stringify(answer)) ?? 'null')).toEqual({
    trialEndsOn: '2027-01-15',
    resumesOn: '2027-02-01',
    planId: 'basic',
  });
  expect(minimalResult(null)).toBeNull();
});
