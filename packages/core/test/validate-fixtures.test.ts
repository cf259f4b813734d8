import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlowSource } from '../src/validate/index.ts';

const dir = new URL('./fixtures/meaning/', import.meta.url);

/** fixture → the errors it must produce, exactly: path, line, column, and what the message says. */
const EXPECTED: Record<string, [path: string, line: number, column: number, message: RegExp][]> = {
  'unknown-offer-reason': [
    ['steps[0].reasons[1].offer', 34, 20, /refers to offer "paws", which is not defined in offers/],
  ],
  'unknown-offer-step': [['steps[1].offer', 41, 16, /refers to offer "upgrade"/]],
  'unknown-offer-done': [['steps[3].offer', 49, 16, /refers to offer "comeback"/]],
  'unknown-offer-targeting': [['targeting[0].offers.price', 62, 18, /refers to offer "call"/]],
  'unknown-offer-experiment': [['experiments[0].variants[1].offers.price', 63, 22, /refers to offer "half_off"/]],
  'unknown-step-next': [['steps[0].next', 37, 15, /refers to step "confrim".*\(did you mean "confirm"\?\)/]],
  'unknown-step-copy': [['targeting[0].copy.survey', 62, 9, /refers to step "survey", which is not one of the steps/]],
  'unknown-reason-swap': [
    ['targeting[0].offers.too_pricey', 62, 9, /refers to reason "too_pricey", which no survey step has/],
  ],
  'duplicate-step-id': [['steps[1].id', 39, 13, /repeats the step id "why" of steps\[0\]/]],
  'duplicate-reason-id': [['steps[0].reasons[1].id', 32, 17, /repeats the reason id "price"/]],
  'duplicate-plan-id': [['offers.pause.plans[1].id', 23, 17, /repeats the plan id "basic"/]],
  'duplicate-targeting-id': [['targeting[1].id', 66, 13, /repeats the targeting rule id "trial"/]],
  'duplicate-experiment-id': [['experiments[1].id', 66, 13, /repeats the experiment id "offers"/]],
  'duplicate-variant-id': [['experiments[0].variants[1].id', 60, 17, /repeats the variant id "a"/]],
  'missing-translation': [['steps[0].reasons[1].label', 36, 20, /has no de text \(locales declares en, de\)/]],
  'plain-string-with-locales': [
    ['steps[0].reasons[1].label', 36, 20, /is a plain string, but the flow declares locales en, de/],
  ],
  'default-locale-not-declared': [['locales', 51, 14, /does not include the defaultLocale "en"/]],
  'unreachable-step': [['steps[2]', 43, 5, /is never shown: no step leads to step "feedback"/]],
  'next-loop': [['steps[1].next', 41, 15, /points back to steps\[0\] \("why"\), which makes a loop/]],
  'no-confirm': [['steps', 21, 12, /has no confirm step/]],
  'two-confirm-steps': [['steps[3].type', 48, 15, /is a second confirm step/]],
  'done-before-confirm-by-next': [['steps[1].next', 41, 15, /without passing the confirm step.*within 2 clicks/]],
  'step-after-confirm': [['steps[3].type', 48, 15, /is a feedback step after the confirm step/]],
  'unsafe-url': [['offers.docs.url', 22, 14, /"javascript:" URLs are refused/]],
  'discount-both-amounts': [['offers.discount.amountOff', 19, 20, /is given together with percentOff/]],
  'discount-no-amount': [['offers.discount', 15, 17, /needs percentOff .* or amountOff/]],
  'contact-without-channel': [
    ['offers.pause', 11, 14, /needs at least one channel: email, chatUrl, phone or bookingUrl/],
  ],
  'experiment-weights-zero': [['experiments[0].variants', 54, 19, /all have weight 0/]],
  'holdout-with-offers': [['experiments[0].variants[0].offers', 59, 21, /holdout variant/]],
  'us-mn-reason-offer': [
    ['steps[0].reasons[0].offer', 29, 20, /before the confirm step; the us-mn profile \(Minnesota/],
  ],
  'us-mn-offer-step': [['steps[0].type', 19, 15, /is an offer step before the confirm step; the us-mn profile/]],
  'us-mn-targeting-offer': [
    ['targeting[0].offers.price', 50, 18, /adds offer "discount" during cancellation; the us-mn profile/],
  ],
  'de-question-before-confirm': [
    ['steps[0].type', 14, 15, /is a survey step before the confirm step; the de profile \(§312k BGB\)/],
  ],
  'de-ambiguous-label': [
    ['steps[0].confirmLabel', 15, 23, /"Weiter", which does not say unambiguously.*"Jetzt kündigen"/],
  ],
  'de-no-receipt': [['steps', 11, 12, /has no done step; the de profile \(§312k BGB\) requires a receipt/]],
  'eu-short-withdrawal': [['policy.withdrawalDays', 9, 23, /is 7, less than 14; the eu profile/]],
  'fr-no-recap': [
    ['steps', 21, 12, /has no confirm step; every flow needs exactly one/],
    ['steps', 21, 12, /the fr profile requires a recap page \("confirmer ma demande de résiliation"\)/],
  ],
};

describe('meaning errors, one fixture each', () => {
  it('has an expectation for every fixture file and a file for every expectation', () => {
    const files = readdirSync(dir).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: reports exactly the expected error, at its line and column`, () => {
      const source = readFileSync(new URL(`${name}.json`, dir), 'utf8');
      const { config, problems } = validateFlowSource(source);
      const errors = problems.filter((problem) => problem.severity === 'error');
      expect(config).toBeUndefined();
      expect(errors.map(({ path, line, column }) => [path, line, column])).toEqual(
        expected.map(([path, line, column]) => [path, line, column]),
      );
      errors.forEach((error, index) => {
        expect(error.message).toMatch(expected[index]?.[3] as RegExp);
        // The position is on a token of the file (a key, a value, a bracket), never on whitespace.
        const text = source.split('\n')[error.line - 1] ?? '';
        expect(text[error.column - 1]).toMatch(/["{[0-9a-z-]/);
      });
    });
  }
});
