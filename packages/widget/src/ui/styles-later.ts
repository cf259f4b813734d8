import { addStyles } from './shadow.ts';
import css from './styles-later.css?inline';

/** The styles of the lazily loaded views (offers, feedback, receipt, support links): they arrive with their code. */
export const laterStyles = (): void => addStyles(css);
