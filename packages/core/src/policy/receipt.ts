import type { FlowConfig } from '../config/index.ts';
import type { Receipt } from '../events.ts';
import type { Translator } from '../i18n/translator.ts';

/** A plan's display name: the policy's `planNames`, else a `plan_change` offer's card, else its id. */
function planName(id: string, { policy, offers }: Pick<FlowConfig, 'policy' | 'offers'>, t: Translator): string {
  const cards = Object.values(offers).flatMap((offer) => (offer.type === 'plan_change' ? offer.plans : []));
  const name =
    (Object.hasOwn(policy.planNames ?? {}, id) ? policy.planNames?.[id] : undefined) ??
    cards.find((p) => p.id === id)?.name;
  return name === undefined ? id : t.text(name);
}

/**
 * A receipt's lines in the subscriber's language — who the contract is with (the flow's `company`),
 * what was cancelled (by the flow's display names), when, when access ends, the refund, the
 * reference — for the done step, the file the subscriber downloads, and the server's printable page,
 * so all three say the same. `config` is the session's flow.
 */
export function receiptLines(receipt: Receipt, t: Translator, config: Pick<FlowConfig, 'policy' | 'offers'>): string[] {
  const company = config.policy.company;
  return [
    company && t.text(company.name),
    company?.address && t.text(company.address),
    receipt.plan && t.t('receipt.plan', { plan: planName(receipt.plan, config, t) }),
    receipt.subscriptionId && t.t('receipt.subscription', { id: receipt.subscriptionId }),
    t.t('receipt.cancelledOn', { datetime: t.dateTime(receipt.confirmedAt, 'long') }),
    receipt.effectiveOn
      ? t.t('receipt.accessEndsOn', { date: t.date(receipt.effectiveOn, 'long') })
      : t.t('confirm.accessEndsPeriodEnd'),
    t.t('receipt.refund', { refund: receipt.refund }),
    t.t('receipt.reference', { id: receipt.id }),
  ].filter((line): line is string => Boolean(line));
}
