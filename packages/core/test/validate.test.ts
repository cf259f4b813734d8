import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, MAX_PROBLEMS, type Problem, validateFlowSource } from '../src/validate/index.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/flows/${name}`, import.meta.url), 'utf8');
const saas = JSON.parse(example('saas.json')) as Record<string, unknown>;

function problemsOf(source: string, options?: Parameters<typeof validateFlowSource>[1]): Problem[] {
  return validateFlowSource(source, options).problems;
}

function only(source: string): Problem {
  const problems = problemsOf(source);
  expect(problems).toHaveLength(1);
  return problems[0] as Problem;
}

describe('example flows', () => {
  for (const name of ['saas.json', 'membership.json', 'de-streaming.json']) {
    it(`${name} validates with zero problems and returns the parsed config`, () => {
      const { config, problems } = validateFlowSource(example(name));
      expect(problems).toEqual([]);
      expect(config?.steps.some((step) => step.type === 'confirm')).toBe(true);
    });
  }

  it('de-streaming declares de and eu, defaults to German and starts with "Jetzt kündigen"', () => {
    const { config } = validateFlowSource(example('de-streaming.json'));
    expect(config?.compliance).toEqual(expect.arrayContaining(['de', 'eu']));
    expect(config?.defaultLocale).toBe('de');
    expect(config?.steps[0]).toMatchObject({ type: 'confirm', confirmLabel: 'Jetzt kündigen' });
  });

  it('applies defaults in the returned config', () => {
    const { config } = validateFlowSource(example('saas.json'));
    const feedback = config?.steps.find((step) => step.type === 'feedback');
    expect(feedback).toMatchObject({ maxLength: 1000 });
    expect(config?.limits.maxOffersPerSession).toBe(1);
  });
});

describe('malformed files: one clear message each, never a throw', () => {
  it('empty and whitespace-only files', () => {
    for (const source of ['', '  \n\t']) {
      const problem = only(source);
      expect(problem).toMatchObject({ path: '', line: 1, column: 1, severity: 'error' });
      expect(problem.message).toMatch(/is empty; expected a JSON object/);
    }
    // The message completes "(root)" like the others; the file's name is printed once, before it.
    expect(formatProblem(only(''), 'flow.json')).toBe(
      'flow.json:1:1 (root) is empty; expected a JSON object with a flow config',
    );
    expect(validateFlowSource('', { fileName: 'flow.json' }).problems[0]?.message).toMatch(/^is empty/);
  });

  it('files over 1 MB are refused without parsing', () => {
    const huge = `{"id": "${'x'.repeat(1_000_001)}"}`;
    expect(only(huge).message).toMatch(/larger than 1 MB/);
  });

  it('JSON nested thousands deep within the 1 MB: a problem where it goes too deep, not a stack overflow', () => {
    // jsonc-parser, the duplicate-key walk and zod recurse: 50,000 levels threw a RangeError.
    // The top object is level 1; the problem points at the bracket that opens level 33.
    for (const [source, column] of [
      [`{"id": "a", "x": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 18 + 31],
      [`{"id": "a", "x": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, 18 + 31 * 5],
    ] as const) {
      const problem = only(source);
      expect(problem).toMatchObject({ path: '', severity: 'error', line: 1, column });
      expect(problem.message).toBe('nests objects and arrays deeper than 32 levels; a flow config nests a few');
    }
    // Brackets inside strings (escaped quotes too) are text, not nesting.
    const deepText = `"${'[{\\"'.repeat(100)}"`;
    const labelled = { ...saas, id: 'deep-text' };
    const { problems } = validateFlowSource(
      JSON.stringify(labelled).replace('"deep-text"', `"deep-text", "x": ${deepText}`),
    );
    expect(problems.map((p) => p.message)).not.toContain(expect.stringMatching(/deeper than/));
  });

  it('a JSON array, string, number or null at the top', () => {
    expect(only('[{"id": "a"}]').message).toBe(
      'must be a JSON object with a flow config (with "id", "steps", …), not an array',
    );
    expect(only('"flow"').message).toMatch(/not a string$/);
    expect(only('42').message).toMatch(/not a number$/);
    expect(only('null').message).toMatch(/not a null$/);
  });

  it('not JSON at all', () => {
    const problem = only('id: acme\nsteps:\n  - survey\n');
    expect(problem).toMatchObject({ line: 1, column: 1 });
    expect(problem.message).toMatch(/is not valid JSON here/);
  });

  it('comments are refused, each at its position', () => {
    const problems = problemsOf('{\n  // the flow\n  "id": "a", /* inline */ "version": 1\n}');
    expect(problems.map(({ line, column, message }) => [line, column, message])).toEqual([
      [2, 3, 'comments are not allowed: a flow config is plain JSON'],
      [3, 14, 'comments are not allowed: a flow config is plain JSON'],
    ]);
  });

  it('a syntax error is its own sentence: printed after its path with ": ", not run into it', () => {
    const problem = only('{\n  "offers": {\n    // none yet\n  }\n}');
    expect(problem).toMatchObject({ path: 'offers', syntax: true });
    expect(formatProblem(problem, 'flow.json')).toBe(
      'flow.json:3:5 offers: comments are not allowed: a flow config is plain JSON',
    );
    expect(formatProblem(only('{"id": "a",}'), 'flow.json')).toMatch(/^flow\.json:1:11 id: trailing comma: /);
  });

  it('a trailing comma is reported at the comma, with the path around it', () => {
    const problem = only('{\n  "id": "a",\n  "locales": ["en", "de",]\n}');
    expect(problem).toMatchObject({ line: 3, column: 25, path: 'locales[1]' });
    expect(problem.message).toMatch(/trailing comma/);
  });

  it('a byte-order mark is ignored, and columns on the first line still match the editor', () => {
    expect(problemsOf(`\uFEFF${example('saas.json')}`)).toEqual([]);
    expect(problemsOf('\uFEFF{"id": 1}').find((problem) => problem.path === 'id')).toMatchObject({
      line: 1,
      column: 8,
    });
    expect(only('\uFEFF[]')).toMatchObject({ line: 1, column: 1 });
  });

  it('single quotes get a hint', () => {
    expect(only("{'id': 'a'}").message).toMatch(/double quotes/);
  });

  it('an unclosed object', () => {
    const problem = only('{\n  "id": "a"\n');
    expect(problem.message).toMatch(/expected "}"/);
    expect(problem.line).toBe(3);
  });

  it('duplicate keys are errors at the second key, naming the first line', () => {
    const source = JSON.stringify(saas, null, 2).replace('"version": 1,', '"version": 1,\n  "id": "other",');
    const problem = only(source);
    expect(problem).toMatchObject({ path: 'id', line: 5, column: 3 });
    expect(problem.message).toBe('is given twice (first on line 3); JSON keeps only the last one, so remove one');
  });

  it('wrong types everywhere: capped, with a last "…and N more"', () => {
    const wrong = {
      id: 1,
      version: 'one',
      policy: 2,
      steps: Array.from({ length: 20 }, (_, i) => ({ id: i, type: 'survey', reasons: [{ id: true, label: 3 }] })),
    };
    const problems = problemsOf(JSON.stringify(wrong, null, 2));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    const last = problems.at(-1);
    expect(last?.message).toMatch(/^…and \d+ more problems \(fix the ones above first\)$/);
    const shown = problems.slice(0, -1);
    expect(shown.every((p) => p.line >= 1 && p.column >= 1)).toBe(true);
    expect(shown.map((p) => p.line)).toEqual([...shown.map((p) => p.line)].sort((a, b) => a - b));
  });
});

describe('shape errors name the field and say what is expected', () => {
  const withChange = (change: (flow: Record<string, unknown>) => void) => {
    const flow = structuredClone(saas);
    change(flow);
    return JSON.stringify(flow, null, 2);
  };
  const steps = (flow: Record<string, unknown>) => flow.steps as Record<string, unknown>[];

  it('an unknown step type lists the allowed ones and guesses the typo', () => {
    const problem = only(
      withChange((flow) => {
        (steps(flow)[1] as Record<string, unknown>).type = 'ofer';
      }),
    );
    expect(problem.path).toBe('steps[1].type');
    expect(problem.message).toBe(
      'must be one of survey, offer, feedback, confirm, done, custom, not "ofer" (did you mean "offer"?)',
    );
    expect(formatProblem(problem, 'flow.json')).toBe(
      `flow.json:${problem.line}:${problem.column} steps[1].type must be one of survey, offer, feedback, confirm, done, custom, not "ofer" (did you mean "offer"?)`,
    );
  });

  it('a missing required field points at its parent', () => {
    const problem = only(
      withChange((flow) => {
        delete flow.version;
      }),
    );
    expect(problem).toMatchObject({ path: 'version', line: 1, column: 1, message: 'is required (a number)' });
  });

  it('an unknown field is reported at its key, with a suggestion', () => {
    const problem = only(
      withChange((flow) => {
        (flow.policy as Record<string, unknown>).retentionDay = 30;
      }),
    );
    expect(problem.path).toBe('policy.retentionDay');
    expect(problem.message).toBe('is not a field of policy (did you mean "retentionDays"?)');
    expect(problem.column).toBe(5);
  });

  it('an unknown field without a close match lists the fields', () => {
    const problem = only(
      withChange((flow) => {
        (flow.theme as Record<string, unknown>).sparkles = true;
      }),
    );
    expect(problem.message).toMatch(/^is not a field of theme; the fields are mode, accent, accentDark, radius/);
  });

  it('a text of the wrong type, and a text object with a bad entry', () => {
    const problems = problemsOf(
      withChange((flow) => {
        const reasons = (steps(flow)[0] as { reasons: Record<string, unknown>[] }).reasons;
        (reasons[0] as Record<string, unknown>).label = 5;
        (reasons[1] as Record<string, unknown>).label = { en: 3 };
      }),
    );
    expect(problems.map(({ path, message }) => [path, message])).toEqual([
      [
        'steps[0].reasons[0].label',
        'must be text: a string, or an object with one string per locale such as {"en": "…"}, not the number 5',
      ],
      ['steps[0].reasons[1].label.en', 'must be a string, not the number 3'],
    ]);
  });

  it('numbers out of range, wrong integers, bad ids and bad record keys', () => {
    const problems = problemsOf(
      withChange((flow) => {
        const offers = flow.offers as Record<string, Record<string, unknown>>;
        (offers.pause as Record<string, unknown>).max = 0;
        offers['bad key'] = { type: 'pause', max: 2 };
        (flow.limits as Record<string, unknown>).maxOffersPerSession = 1.5;
      }),
    );
    expect(problems.map(({ path, message }) => [path, message])).toEqual([
      ['offers.pause.max', 'must be at least 1, not the number 0'],
      [
        'offers["bad key"]',
        'is not a valid key: must be 1–64 letters, digits, "_" or "-", starting with a letter or digit',
      ],
      ['limits.maxOffersPerSession', 'must be a whole number, not the number 1.5'],
    ]);
  });

  it("a field that must be an object shows the object, from the schema's example", () => {
    const problem = only(
      withChange((flow) => {
        const offers = flow.offers as Record<string, Record<string, unknown>>;
        const discount = Object.values(offers).find((offer) => offer.type === 'discount') as Record<string, unknown>;
        delete discount.percentOff;
        discount.amountOff = 5;
      }),
    );
    expect(problem.path).toMatch(/^offers\.\w+\.amountOff$/);
    expect(problem.message).toBe('must be an object such as { "amount": 9.99, "currency": "USD" }, not the number 5');
  });

  it('unsafe URLs say why', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'vbscript:x']) {
      const problem = only(
        withChange((flow) => {
          ((flow.offers as Record<string, Record<string, unknown>>).export as Record<string, unknown>).url = url;
        }),
      );
      expect(problem.path).toBe('offers.export.url');
      expect(problem.message).toMatch(/URLs are refused because they can run script or leave the web$/);
    }
    const relative = only(
      withChange((flow) => {
        ((flow.offers as Record<string, Record<string, unknown>>).export as Record<string, unknown>).url = '/docs';
      }),
    );
    expect(relative.message).toMatch(/must be an absolute https:\/\/ or http:\/\/ URL with a host/);
  });
});

describe('profiles and warnings', () => {
  it('a bidi override in a visible text is an error: the button would show what it does not say', () => {
    // "Jetzt kündigen" reversed on screen ("negidnük tzteJ"): the de rule read "kündigen" and let it pass.
    const flow = JSON.parse(example('de-streaming.json'));
    flow.steps[0].confirmLabel = '\u202EJetzt kündigen';
    flow.steps[0].keepLabel = 'Abo \u2067behalten\u2069';
    const problems = problemsOf(JSON.stringify(flow, null, 2));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'steps[0].confirmLabel', severity: 'error' }),
      expect.objectContaining({ path: 'steps[0].keepLabel', severity: 'warning' }),
    ]);
    expect(problems[0]?.message).toMatch(/^contains U\+202E \(RIGHT-TO-LEFT OVERRIDE\), which displays the text/);
    // An isolate only orders runs of different directions (a translator's tool): checked on screen.
    expect(problems[1]?.message).toMatch(/^contains U\+2067 \(RIGHT-TO-LEFT ISOLATE\)/);
    // Per locale, at the locale's entry; the direction marks U+200E and U+200F stay allowed.
    const saasFlow = structuredClone(saas) as { steps: { reasons?: { label: unknown }[] }[] };
    const reason = saasFlow.steps.find((step) => step.reasons)?.reasons?.[0] as { label: unknown };
    reason.label = { en: 'Too \u200Eexpensive\u200F', de: 'Zu \u202Bteuer \u202Ehcilrhe' };
    const index = saasFlow.steps.findIndex((step) => step.reasons);
    expect(problemsOf(JSON.stringify(saasFlow))).toEqual([
      expect.objectContaining({ path: `steps[${index}].reasons[0].label.de`, severity: 'error' }),
    ]);
  });

  it('--profile options add to the declared ones', () => {
    const source = example('saas.json');
    expect(problemsOf(source)).toEqual([]);
    const problems = problemsOf(source, { profiles: ['us-mn'] });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => /us-mn profile/.test(problem.message))).toBe(true);
  });

  it('warnings do not make a flow invalid', () => {
    const flow = structuredClone(saas);
    (flow.offers as Record<string, unknown>).unused = { type: 'trial_extension', days: 7 };
    const { config, problems } = validateFlowSource(JSON.stringify(flow, null, 2));
    expect(problems).toEqual([expect.objectContaining({ path: 'offers.unused', severity: 'warning' })]);
    expect(formatProblem(problems[0] as Problem, 'f.json')).toMatch(
      /^f\.json:\d+:\d+ offers\.unused warning: is never shown/,
    );
    expect(config).toBeDefined();
  });

  it('a German label that negates "kündigen" or calls the cancel off is not unambiguous', () => {
    const flow = JSON.parse(example('de-streaming.json')) as { steps: Record<string, unknown>[] };
    for (const label of ['Nicht kündigen', 'Kündigung abbrechen', 'Kündigung zurücknehmen']) {
      (flow.steps[0] as Record<string, unknown>).confirmLabel = label;
      expect(problemsOf(JSON.stringify(flow))[0]?.message).toMatch(/does not say unambiguously that it cancels/);
    }
  });

  it('a flow that declares fr refuses a French confirm label that does not confirm the cancellation, naming the entry', () => {
    const flow = JSON.parse(example('saas.json')) as { compliance?: string[]; steps: Record<string, unknown>[] };
    flow.compliance = ['fr'];
    const confirm = flow.steps.find((step) => step.type === 'confirm') as Record<string, unknown>;
    const index = flow.steps.indexOf(confirm);
    confirm.confirmLabel = { en: 'Cancel', fr: 'Continuer' };
    expect(problemsOf(JSON.stringify(flow))).toEqual([
      expect.objectContaining({
        path: `steps[${index}].confirmLabel.fr`,
        message:
          'is "Continuer", which does not say unambiguously that it cancels; the fr profile (Code de la consommation L215-1-1) requires a button such as "Confirmer ma demande de résiliation"',
      }),
    ]);
    confirm.confirmLabel = { en: 'Cancel', fr: 'Résilier mon abonnement' };
    expect(problemsOf(JSON.stringify(flow))).toEqual([]);
    // Without fr declared, the same label is the flow's own business (the engine still replaces it for a subscriber in France).
    flow.compliance = [];
    confirm.confirmLabel = { en: 'Cancel', fr: 'Continuer' };
    expect(problemsOf(JSON.stringify(flow))).toEqual([]);
  });
});

describe('locales without built-in strings', () => {
  it('warns that a declared locale cancelflow does not ship gets English built-in strings, and only for it', () => {
    const flow = structuredClone(saas) as Record<string, unknown>;
    const source = JSON.stringify({ ...flow, defaultLocale: 'en', locales: undefined }, null, 2);
    expect(problemsOf(source)).toEqual([]);
    // Regional tags of shipped languages are served by them (de-CH by de, pt-PT by pt-BR): no warning.
    const regional = { ...flow, defaultLocale: 'de-CH', locales: undefined };
    expect(problemsOf(JSON.stringify(regional)).filter((p) => p.severity === 'warning')).toEqual([]);
    const korean = { ...flow, defaultLocale: 'ko', locales: undefined };
    const problems = problemsOf(JSON.stringify(korean, null, 2)).filter((p) => p.severity === 'warning');
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'defaultLocale',
        message: expect.stringMatching(
          /^"ko" has no built-in strings: .* the buttons, the confirm terms, the receipt and the emails in English/,
        ),
      }),
    ]);
  });

  it('names the entry of `locales` that has none', () => {
    // Its plain-string texts are errors under two locales; only the warnings matter here.
    const flow = structuredClone(saas);
    const problems = problemsOf(JSON.stringify({ ...flow, defaultLocale: 'en', locales: ['en', 'zh-TW'] }));
    expect(problems.filter((p) => p.severity === 'warning')).toEqual([
      expect.objectContaining({
        path: 'locales[1]',
        message: expect.stringMatching(/^"zh-TW" has no built-in strings/),
      }),
    ]);
  });
});
