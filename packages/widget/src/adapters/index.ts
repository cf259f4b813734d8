export type { BeaconAdapter } from '@cancelflow/core';
export { type CallbacksAdapterOptions, type CancelResult, callbacksAdapter } from './callbacks.ts';
export { type CombinedAdapters, combineAdapters } from './combine.ts';
export { acceptKey, cancelKey } from './decision-calls.ts';
export { adapterEffects } from './effects.ts';
export { type HttpAdapterOptions, type HttpRequestInfo, httpAdapter } from './http.ts';
export { type MemoryAdapter, type MemoryAdapterOptions, type MemoryMethod, memoryAdapter } from './memory.ts';
