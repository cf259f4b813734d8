// The search panel's chunk (lazy-search.ts imports this file, not the package, so the chunk is named "search").
export * from '@codemirror/search';
