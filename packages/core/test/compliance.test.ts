import { describe, expect, test } from 'vitest';
import { jurisdictionProfiles, profilesInForce, rulesFor, withdrawalFor, withdrawalOpen } from '../src/index.ts';
import { baseFlow, engineFor, NOW, resolve, subscriber } from './engine-harness.ts';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('profiles in force', () => {
  test.each([
    [{ country: 'US', region: 'CA' }, '2025-07-01', ['us-ca']],
    [{ country: 'US', region: 'CA' }, '2025-06-30', []],
    [{ country: 'US', region: 'MN' }, '2025-01-01', ['us-mn']],
    [{ country: 'US', region: 'MN' }, '2024-12-31', []],
    [{ country: 'US', region: 'US-MN' }, '2026-01-01', ['us-mn']],
    [{ country: 'US', region: 'NY' }, '2026-01-01', []],
    [{ country: 'DE' }, '2026-01-01', ['de', 'eu']],
    [{ country: 'FR' }, '2026-01-01', ['fr', 'eu']],
    [{ country: 'IT' }, '2026-01-01', ['eu']],
    [{ country: 'GR' }, '2026-01-01', ['eu']],
    // Billing gives these parts of the EU their own codes: Réunion and Martinique are France, Åland Finland.
    [{ country: 'RE' }, '2026-01-01', ['fr', 'eu']],
    [{ country: 'MQ' }, '2026-01-01', ['fr', 'eu']],
    [{ country: 'AX' }, '2026-01-01', ['eu']],
    [{ country: 'GB' }, '2026-01-01', []],
    [{ region: 'MN' }, '2026-01-01', []],
  ])('%j on %s → %j', (claims, on, profiles) => {
    expect(jurisdictionProfiles(subscriber(claims), day(on))).toEqual(profiles);
  });

  test('us-ftc always applies, declared profiles join those of the jurisdiction, in a fixed order', () => {
    expect(profilesInForce(undefined, subscriber(), NOW)).toEqual(['us-ftc']);
    expect(profilesInForce(['de', 'us-ca'], subscriber({ country: 'US', region: 'MN' }), NOW)).toEqual([
      'us-ftc',
      'us-ca',
      'us-mn',
      'de',
    ]);
    expect(resolve(baseFlow({ compliance: ['fr'] }), { country: 'DE' }).profiles).toEqual(['us-ftc', 'de', 'fr', 'eu']);
  });

  test('the strictest rules of all profiles apply together', () => {
    expect(rulesFor(['us-ftc'])).toEqual({ offersBeforeCancel: true, confirmFirst: false, withdrawal: false });
    expect(rulesFor(['us-ftc', 'us-ca', 'fr'])).toEqual(rulesFor(['us-ftc']));
    expect(rulesFor(['us-mn', 'eu'])).toEqual({ offersBeforeCancel: false, confirmFirst: false, withdrawal: true });
    expect(rulesFor(['de'])).toEqual({ offersBeforeCancel: false, confirmFirst: true, withdrawal: false });
  });
});

describe('us-mn: no offers during the cancellation', () => {
  const input = baseFlow();
  input.steps[4] = { id: 'done', type: 'done', offer: 'winback' };
  const minnesota = { country: 'US', region: 'MN' };

  test('resolves with no offers before the cancel, and the done offer after it', () => {
    const resolved = resolve(input, minnesota);
    expect(resolved.offersBeforeCancel).toBe(false);
    expect(resolved.reasonOffers).toEqual({});
    expect(Object.keys(resolved.offers)).toEqual(['winback']);
    expect(resolved.afterCancelOffer).toBe('winback');
  });

  test('the engine skips the offer step, and offers the win-back only once the cancel is done', async () => {
    const run = engineFor(resolve(input, minnesota), minnesota);
    run.engine.start();
    run.engine.selectReason('price');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('feedback');
    run.engine.next();
    expect(run.engine.offer.value).toBeUndefined();
    expect(run.types()).not.toContain('offer_shown');
    await run.engine.confirmCancel();
    expect(run.engine.offer.value?.id).toBe('winback');
    expect(run.types().slice(-3)).toEqual(['cancel_confirmed', 'step_viewed', 'offer_shown']);
  });

  test('a flow that declares us-mn applies it to everyone', () => {
    expect(resolve(baseFlow({ compliance: ['us-mn'] }), { country: 'GB' }).reasonOffers).toEqual({});
  });
});

describe('de: the confirm page first, no questions before it', () => {
  test('confirm comes first, the questions after it, done last', () => {
    const resolved = resolve(baseFlow(), { country: 'DE' });
    expect(resolved.steps.map((s) => s.id)).toEqual(['confirm', 'why', 'offer', 'feedback', 'done']);
    expect(resolved.offersBeforeCancel).toBe(false);
    expect(resolved.reasonOffers).toEqual({});
  });

  test('the engine opens on confirm; after the cancel the optional questions follow, without offers', async () => {
    const run = engineFor(resolve(baseFlow(), { country: 'DE' }), { country: 'DE' });
    run.engine.start();
    expect(run.events[1]).toMatchObject({ type: 'step_viewed', payload: { stepId: 'confirm', stepType: 'confirm' } });
    expect(run.engine.canGoBack.value).toBe(false);
    await run.engine.confirmCancel();
    expect(run.cancels).toEqual([{}]);
    expect(run.engine.state.value).toMatchObject({ status: 'cancelled', stepId: 'why' });
    run.engine.selectReason('price');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('feedback');
    run.engine.writeFeedback('zu teuer');
    run.engine.continueToCancel();
    expect(run.engine.state.value.stepId).toBe('feedback');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('done');
    expect(run.types()).not.toContain('offer_shown');
    run.engine.close();
    await expect(run.engine.outcome).resolves.toEqual({
      status: 'cancelled',
      sessionId: 'sess_1',
      reason: 'price',
      feedback: 'zu teuer',
    });
  });

  // The validator refuses such a label only where a flow declares `de`; a German subscriber brings the
  // profile to any flow, so the engine gives the button its built-in label ("Jetzt kündigen") instead.
  test.each([
    ['Weiter', undefined],
    ['Kündigung abbrechen', undefined],
    ['Jetzt kündigen', 'Jetzt kündigen'],
  ])('a German button label %j under de (declared or not) → %j', (de, kept) => {
    const flow = (defaultLocale: string, confirmLabel: unknown) =>
      baseFlow({
        defaultLocale,
        steps: baseFlow().steps.map((s) => (s.type === 'confirm' ? { ...s, confirmLabel } : s)) as never,
      });
    const confirmOf = (config: ReturnType<typeof baseFlow>, claims: Record<string, unknown>) =>
      resolve(config, claims).steps.find((s) => s.type === 'confirm');
    const perLocale = { en: 'Yes, cancel', de };
    expect(confirmOf(flow('en', perLocale), { country: 'DE' })?.confirmLabel).toEqual(kept && perLocale);
    expect(confirmOf(flow('de', de), { country: 'DE' })?.confirmLabel).toEqual(kept);
    // Elsewhere the flow's own label stands.
    expect(confirmOf(flow('de', de), { country: 'AT' })?.confirmLabel).toEqual(de);
  });

  test('closing the confirm page keeps the subscription (abandoned)', async () => {
    const run = engineFor(resolve(baseFlow(), { country: 'DE' }), { country: 'DE' });
    run.engine.start();
    run.engine.close();
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'abandoned' });
  });
});

describe('fr: the recap page says that it confirms the cancellation', () => {
  // As under de: the validator refuses such a label where a flow declares `fr`; a subscriber in
  // France brings the profile to any flow, so the engine gives the button its built-in label.
  test.each([
    ['Continuer', undefined],
    ['Annuler mon abonnement', undefined],
    ['Ne pas résilier', undefined],
    ['Annuler la résiliation', undefined],
    ['Résilier mon abonnement', 'Résilier mon abonnement'],
    ['Confirmer ma demande de résiliation', 'Confirmer ma demande de résiliation'],
  ])('a French button label %j under fr (declared or not) → %j', (fr, kept) => {
    const flow = (defaultLocale: string, confirmLabel: unknown) =>
      baseFlow({
        defaultLocale,
        steps: baseFlow().steps.map((s) => (s.type === 'confirm' ? { ...s, confirmLabel } : s)) as never,
      });
    const confirmOf = (config: ReturnType<typeof baseFlow>, claims: Record<string, unknown>) =>
      resolve(config, claims).steps.find((s) => s.type === 'confirm');
    const perLocale = { en: 'Yes, cancel', fr };
    expect(confirmOf(flow('en', perLocale), { country: 'FR' })?.confirmLabel).toEqual(kept && perLocale);
    expect(confirmOf(flow('fr-FR', fr), { country: 'RE' })?.confirmLabel).toEqual(kept);
    expect(confirmOf(flow('fr', { ...perLocale, fr }), { country: 'FR' })?.confirmLabel).toEqual(kept && perLocale);
    // Elsewhere (Belgium: eu only) the flow's own label stands, and a German label is not French.
    expect(confirmOf(flow('fr', fr), { country: 'BE' })?.confirmLabel).toEqual(fr);
    expect(confirmOf(flow('en', { en: 'Go on', de: 'Weiter' }), { country: 'FR' })?.confirmLabel).toEqual({
      en: 'Go on',
      de: 'Weiter',
    });
    // The order of the steps is not the fr profile's concern.
    expect(resolve(baseFlow(), { country: 'FR' }).steps.map((s) => s.id)).toEqual(
      resolve(baseFlow(), { country: 'GB' }).steps.map((s) => s.id),
    );
  });
});

describe('eu: withdraw from the contract', () => {
  test.each([
    ['2026-06-19', '2026-06-10', { until: '2026-06-24', days: 14 }],
    ['2026-06-18', '2026-06-10', undefined],
    ['2026-07-15', '2026-07-01', { until: '2026-07-15', days: 14 }],
    ['2026-07-16', '2026-07-01', undefined],
    ['2026-06-30', '2026-07-01', undefined],
  ])('on %s for a customer since %s → %j', (on, since, expected) => {
    expect(withdrawalFor(subscriber({ since }), undefined, day(on))).toEqual(expected);
  });

  // The period counts in the subscriber's calendar days, whose time zone we do not know: in their
  // favour across the EU's, UTC−4 (Martinique) to UTC+4 (Réunion).
  test.each([
    // Concluded at 00:30 in Berlin, 22:30 UTC the day before: there the period runs from 2 July, so
    // 16 July is its last day (counted in UTC it ended on the 15th).
    ['2026-07-16T10:00:00+02:00', '2026-07-02T00:30:00+02:00', { until: '2026-07-16', days: 14 }],
    ['2026-07-16T10:00:00+02:00', '2026-07-01T22:30:00Z', { until: '2026-07-16', days: 14 }],
    ['2026-07-17T10:00:00+02:00', '2026-07-02T00:30:00+02:00', undefined],
    // The last day, 15 July, is not over in Martinique (UTC−4) at 03:59 UTC on the 16th; at 04:00 it is.
    ['2026-07-16T03:59:00Z', '2026-07-01', { until: '2026-07-15', days: 14 }],
    ['2026-07-16T04:00:00Z', '2026-07-01', undefined],
  ])('at %s for a customer since %s → %j', (at, since, expected) => {
    expect(withdrawalFor(subscriber({ since }), undefined, new Date(at))).toEqual(expected);
  });

  test('the server re-checks a period by its last day the same way', () => {
    expect(withdrawalOpen('2026-07-15', new Date('2026-07-15T23:30:00+02:00'))).toBe(true);
    expect(withdrawalOpen('2026-07-15', new Date('2026-07-15T23:30:00-04:00'))).toBe(true);
    expect(withdrawalOpen('2026-07-15', new Date('2026-07-16T00:00:00-04:00'))).toBe(false);
  });

  test('the period is the policy’s, never shorter than the statutory 14 days', () => {
    expect(withdrawalFor(subscriber({ since: '2026-07-01' }), 30, day('2026-07-25'))).toEqual({
      until: '2026-07-31',
      days: 30,
    });
    expect(withdrawalFor(subscriber({ since: '2026-07-01' }), 0, day('2026-07-10'))).toEqual({
      until: '2026-07-15',
      days: 14,
    });
    expect(withdrawalFor(subscriber(), 14, day('2026-07-10'))).toBeUndefined();
  });

  test('the resolved flow marks it only where eu applies', () => {
    const now = day('2026-07-10');
    const since = '2026-07-01';
    const eu = { config: baseFlow(), claims: { country: 'IT', since } };
    const resolvedEu = resolve(eu.config, eu.claims, [], now);
    expect(resolvedEu.withdrawal).toEqual({ until: '2026-07-15', days: 14 });
    expect(resolvedEu.reasonOffers.price?.id).toBe('discount');
    expect(resolve(baseFlow(), { country: 'US', since }, [], now).withdrawal).toBeUndefined();
  });
});

describe('fr and us-ca: met by construction', () => {
  test.each([
    ['FR', undefined],
    ['US', 'CA'],
  ])('%s %s: offers stay, with "continue to cancel" beside each', (country, region) => {
    const claims = { country, ...(region && { region }) };
    const run = engineFor(resolve(baseFlow(), claims), claims);
    run.engine.start();
    run.engine.selectReason('price');
    run.engine.next();
    expect(run.engine.offer.value?.id).toBe('discount');
    run.engine.continueToCancel();
    expect(run.engine.step.value?.type).toBe('confirm');
  });

  test('fr: after the entry click, two more reach a confirmed cancel through the recap (confirm) page', async () => {
    const run = engineFor(resolve(baseFlow(), { country: 'FR' }), { country: 'FR' });
    run.engine.start();
    run.engine.continueToCancel();
    expect(run.engine.step.value?.type).toBe('confirm');
    await run.engine.confirmCancel();
    expect(run.engine.state.value.status).toBe('cancelled');
  });
});

describe('eu: the withdrawal reaches the backend only while it is available', () => {
  test.each([
    ['2026-07-10', true],
    ['2026-08-10', false],
  ])('on %s → withdraw sent: %s', async (on, sent) => {
    const claims = { country: 'NL', since: '2026-07-01' };
    const run = engineFor(resolve(baseFlow(), claims, [], day(on)), claims);
    run.engine.start();
    run.engine.continueToCancel();
    await run.engine.confirmCancel({ withdraw: true });
    expect(run.cancels).toEqual([sent ? { withdraw: true } : {}]);
  });
});
