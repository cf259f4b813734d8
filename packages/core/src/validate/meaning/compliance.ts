import { CONFIRM_LABEL_RULES, type LabelProfile, labelIn } from '../../compliance/confirm-label.ts';
import type { ProfileId } from '../../compliance/ids.ts';
import type { PathSegment } from '../problems.ts';
import { type CheckContext, reasonsOf, swapsOf } from './context.ts';

type Rule = (context: CheckContext) => void;

/** Steps that run before the confirm step (all of them when there is none). */
function beforeConfirm({ config, confirmIndex }: CheckContext) {
  const end = confirmIndex ?? config.steps.length;
  return config.steps.slice(0, end).map((step, index) => ({ step, index }));
}

/** What each label rule asks for, as a refusal says it. */
const LABEL_LAW: Record<LabelProfile, { readonly law: string; readonly example: string }> = {
  de: { law: 'the de profile (§312k BGB)', example: 'Jetzt kündigen' },
  fr: { law: 'the fr profile (Code de la consommation L215-1-1)', example: 'Confirmer ma demande de résiliation' },
};

/** The confirm button's own label, in the profile's language, says plainly that it cancels. */
function checkConfirmLabel({ config, report, confirmIndex }: CheckContext, profile: LabelProfile) {
  const confirm = confirmIndex === undefined ? undefined : config.steps[confirmIndex];
  if (confirm?.type !== 'confirm') return;
  const own = labelIn(confirm.confirmLabel, profile, config.defaultLocale);
  if (own === undefined || CONFIRM_LABEL_RULES[profile](own)) return;
  const path: PathSegment[] = ['steps', confirmIndex as number, 'confirmLabel'];
  report.error(
    typeof confirm.confirmLabel === 'string' ? path : [...path, profile],
    `is "${own}", which does not say unambiguously that it cancels; ${LABEL_LAW[profile].law} requires a button such as "${LABEL_LAW[profile].example}"`,
  );
}

const MN =
  'the us-mn profile (Minnesota, since 2025-01-01) forbids retention offers during cancellation; offers may follow on the done step';
const DE_ORDER =
  'the de profile (§312k BGB) requires the confirm page to show immediately, with no questions or offers before it';

/**
 * A config the declared profiles forbid (docs/compliance.md). Rules that the engine guarantees for any
 * config — "Continue to cancel" on every step (us-ftc) and beside every offer (us-ca) — have nothing
 * to check here; the 2-click rule lives in the flow graph check.
 */
const RULES: Record<ProfileId, Rule> = {
  'us-ftc': () => {},
  'us-ca': () => {},
  'us-mn': (context) => {
    const { config, report } = context;
    const early = new Set(beforeConfirm(context).map(({ index }) => index));
    for (const { reason, stepIndex, path } of reasonsOf(config.steps)) {
      if (reason.offer !== undefined && early.has(stepIndex))
        report.error([...path, 'offer'], `shows offer "${reason.offer}" before the confirm step; ${MN}`);
    }
    for (const { step, index } of beforeConfirm(context)) {
      if (step.type === 'offer')
        report.error(['steps', index, 'type'], `is an offer step before the confirm step; ${MN}`);
    }
    for (const swap of swapsOf(config)) {
      for (const [reasonId, offerId] of Object.entries(swap.offers ?? {})) {
        if (offerId !== null)
          report.error([...swap.path, 'offers', reasonId], `adds offer "${offerId}" during cancellation; ${MN}`);
      }
    }
  },
  de: (context) => {
    const { config, report } = context;
    for (const { step, index } of beforeConfirm(context)) {
      if (step.type !== 'confirm' && step.type !== 'done')
        report.error(
          ['steps', index, 'type'],
          `is ${/^[aeiou]/.test(step.type) ? 'an' : 'a'} ${step.type} step before the confirm step; ${DE_ORDER}`,
        );
    }
    checkConfirmLabel(context, 'de');
    if (!config.steps.some((step) => step.type === 'done'))
      report.error(
        ['steps'],
        'has no done step; the de profile (§312k BGB) requires a receipt the subscriber can keep, with the date and time of the cancellation',
      );
  },
  fr: (context) => {
    if (context.confirmIndex === undefined)
      context.report.error(
        ['steps'],
        'has no confirm step; the fr profile requires a recap page ("confirmer ma demande de résiliation") before the cancellation takes effect',
      );
    checkConfirmLabel(context, 'fr');
  },
  eu: ({ config, report }) => {
    const days = config.policy.withdrawalDays;
    const law =
      'the eu profile requires a "withdraw from contract" function during the statutory 14-day withdrawal period (from 2026-06-19)';
    if (days === undefined) report.error(['policy', 'withdrawalDays'], `is required (at least 14); ${law}`);
    else if (days < 14) report.error(['policy', 'withdrawalDays'], `is ${days}, less than 14; ${law}`);
  },
};

export function checkCompliance(context: CheckContext): void {
  for (const profile of context.profiles) RULES[profile](context);
}
