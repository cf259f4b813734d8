import { checkBidiControls } from './bidi.ts';
import { checkCompliance } from './compliance.ts';
import type { CheckContext } from './context.ts';
import { checkDuplicates } from './duplicates.ts';
import { checkFlowGraph } from './flow-graph.ts';
import { checkOffers } from './offers.ts';
import { checkReferences } from './references.ts';
import { checkTranslations } from './translations.ts';
import { checkWinback } from './winback.ts';

export { createContext } from './context.ts';

/** The checks a shape-valid config still has to pass: what the schema alone cannot express. */
export function checkMeaning(context: CheckContext): void {
  checkDuplicates(context);
  checkReferences(context);
  checkFlowGraph(context);
  checkOffers(context);
  checkTranslations(context);
  checkBidiControls(context);
  checkCompliance(context);
  checkWinback(context);
}
