import { profilesInForce } from '../compliance/jurisdiction.ts';
import { rulesFor } from '../compliance/rules.ts';
import { withdrawalFor } from '../compliance/withdrawal.ts';
import type { FlowConfig, TargetingRule, Variant } from '../config/index.ts';
import { assignVariant } from '../experiments/assign.ts';
import { matchRule } from '../targeting/match.ts';
import { forSubscriber, inCooldown } from './offers.ts';
import { resolveSteps } from './resolve-steps.ts';
import type { ResolvedFlow, ResolvedOffer, ResolveInput } from './types.ts';

type OfferSwaps = NonNullable<TargetingRule['offers']>;

/** Each reason's offer id: the config's, then targeting's swaps, then the variant's (`null` removes it). */
function reasonOfferIds(config: FlowConfig, swaps: readonly (OfferSwaps | undefined)[]): Map<string, string> {
  const ids = new Map<string, string | null>();
  for (const step of config.steps) {
    if (step.type !== 'survey') continue;
    for (const reason of step.reasons) ids.set(reason.id, reason.offer ?? null);
  }
  for (const swap of swaps) {
    if (!swap) continue;
    for (const reasonId of ids.keys()) if (Object.hasOwn(swap, reasonId)) ids.set(reasonId, swap[reasonId] ?? null);
  }
  const out = new Map<string, string>();
  for (const [reasonId, offerId] of ids) if (offerId !== null) out.set(reasonId, offerId);
  return out;
}

function pickVariant(config: FlowConfig, sub: string) {
  // One experiment runs at a time; the first listed is the one in force.
  const experiment = config.experiments?.[0];
  const variant: Variant | undefined = experiment ? assignVariant(experiment.id, sub, experiment.variants) : undefined;
  return experiment && variant ? { experiment, variant } : undefined;
}

/**
 * Resolves a flow for one subscriber: reason → offer, targeting (first matching rule), the experiment
 * variant (holdout: no offers at all), limits and cooldowns, then the strictest compliance profiles
 * for their jurisdiction. Pure and deterministic: the server recomputes it to re-check offers, and
 * the result survives JSON.
 */
export function resolveFlow(input: ResolveInput): ResolvedFlow {
  const { config, subscriber, now } = input;
  const history = input.history ?? [];
  const profiles = profilesInForce(config.compliance, subscriber, now);
  const rules = rulesFor(profiles);
  const rule = matchRule(config.targeting ?? [], subscriber, now);
  const picked = pickVariant(config, subscriber.sub);
  const holdout = picked?.variant.holdout === true;
  const maxOffers = config.limits?.maxOffersPerSession ?? 1;

  const eligible = (offerId: string | undefined): ResolvedOffer | undefined => {
    if (offerId === undefined || holdout || maxOffers <= 0 || !Object.hasOwn(config.offers, offerId)) return undefined;
    const configured = config.offers[offerId];
    const offer = configured && forSubscriber(configured, subscriber);
    if (!offer || inCooldown(offer.type, config.limits?.cooldownDays, history, now)) return undefined;
    return { ...offer, id: offerId };
  };

  const steps = resolveSteps(
    config.steps,
    subscriber,
    [rule?.copy, picked?.variant.copy],
    rules.confirmFirst,
    config.defaultLocale,
    profiles,
  );
  const offers: Record<string, ResolvedOffer> = {};
  const reasonOffers: Record<string, ResolvedOffer> = {};
  if (rules.offersBeforeCancel) {
    for (const [reasonId, offerId] of reasonOfferIds(config, [rule?.offers, picked?.variant.offers])) {
      const offer = eligible(offerId);
      if (offer) reasonOffers[reasonId] = offers[offer.id] = offer;
    }
    for (const step of steps) {
      const offer = step.type === 'offer' ? eligible(step.offer) : undefined;
      if (offer) offers[offer.id] = offer;
    }
  }
  const done = steps.find((s) => s.type === 'done');
  const afterCancel = done?.type === 'done' ? eligible(done.offer) : undefined;
  if (afterCancel) offers[afterCancel.id] = afterCancel;
  const withdrawal = rules.withdrawal ? withdrawalFor(subscriber, config.policy.withdrawalDays, now) : undefined;

  return {
    config,
    steps,
    reasonOffers,
    offers,
    profiles,
    ...(rule && { targetingRule: rule.id }),
    ...(picked && {
      experiment: { id: picked.experiment.id, variant: picked.variant.id, holdout },
    }),
    offersBeforeCancel: rules.offersBeforeCancel,
    ...(afterCancel && { afterCancelOffer: afterCancel.id }),
    ...(withdrawal && { withdrawal }),
  };
}
