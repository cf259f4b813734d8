import type { FlowChoices, PreviewContext } from './context.ts';

interface Props {
  readonly context: PreviewContext;
  readonly choices: FlowChoices;
  readonly onChange: (next: PreviewContext) => void;
}

/** Who is cancelling in the preview: plan, tenure, MRR, country and region, locale, experiment variant. */
export function ContextPicker({ context, choices, onChange }: Props) {
  const field = (name: keyof Omit<PreviewContext, 'variants'>) => ({
    value: context[name],
    onInput: (e: Event) => onChange({ ...context, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <fieldset class="context">
      <legend>Subscriber</legend>
      <label>
        Plan
        <input list="preview-plans" {...field('plan')} placeholder="any" />
        <datalist id="preview-plans">
          {choices.plans.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <label>
        Tenure (days)
        <input type="number" min="0" inputMode="numeric" {...field('tenureDays')} />
      </label>
      <label>
        MRR
        <input type="number" min="0" step="any" inputMode="decimal" {...field('mrr')} />
      </label>
      <label>
        Currency
        <input maxLength={3} {...field('currency')} />
      </label>
      <label>
        Country
        <input maxLength={2} {...field('country')} aria-describedby="country-hint" />
        <span id="country-hint" class="hint">
          ISO code, e.g. US, DE
        </span>
      </label>
      <label>
        Region
        <input maxLength={10} {...field('region')} aria-describedby="region-hint" />
        <span id="region-hint" class="hint">
          e.g. CA, MN
        </span>
      </label>
      <label>
        Locale
        <select {...field('locale')}>
          <option value="">Browser's</option>
          {choices.locales.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {choices.experiments.map((experiment) => (
        <label key={experiment.id}>
          Variant of {experiment.id}
          <select
            value={context.variants[experiment.id] ?? ''}
            onChange={(e) =>
              onChange({
                ...context,
                variants: { ...context.variants, [experiment.id]: (e.currentTarget as HTMLSelectElement).value },
              })
            }
          >
            <option value="">As assigned</option>
            {experiment.variants.map((v) => (
              <option key={v.id} value={v.id}>
                {v.id}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
