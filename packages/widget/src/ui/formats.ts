// The translator's number, amount and date formats, a chunk of their own: the first screen formats
// none, so they come with the strings of the later screens (translator.ts).
export { createFormats } from '@cancelflow/core';
