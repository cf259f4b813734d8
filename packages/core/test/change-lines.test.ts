import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/i18n/load.ts';
import { createTranslator } from '../src/i18n/translator.ts';
import { changeLines } from '../src/index.ts';

// The done step and the save mail name the change billing made: its own dates win over ours.
describe('changeLines, trial extension', () => {
  const offer = { type: 'trial_extension', days: 14 } as const;
  const now = new Date('2026-12-02T10:00:00Z');
  const t = async () => createTranslator({ locale: 'en', catalog: await loadCatalog('en') });

  it("states the day billing set the trial's end to, over the token's day plus the offer's days", async () => {
    const lines = changeLines(
      await t(),
      offer,
      { result: { trialEndsOn: '2026-12-21' } },
      { sub: 'a', trialEnds: '2026-12-05' },
      now,
    );
    expect(lines).toEqual(['Your trial will end on December 21, 2026']);
  });

  it("counts from the token's trial end when billing said nothing", async () => {
    const lines = changeLines(await t(), offer, {}, { sub: 'a', trialEnds: '2026-12-05' }, now);
    expect(lines).toEqual(['Your trial will end on December 19, 2026']);
  });

  it('names the days when neither billing nor the token gave a day', async () => {
    expect(changeLines(await t(), offer, {}, { sub: 'a' }, now)).toEqual(['14 more days']);
  });
});
