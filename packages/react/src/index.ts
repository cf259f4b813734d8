/**
 * React bindings for `@cancelflow/widget`. No JSX and no browser global at import or render, so it is
 * safe in server-side rendering: the flow is created in an effect, on the client only. `use client`
 * lets a React Server Component (Next.js's App Router) render <CancelFlowButton>: its hooks run on
 * the client, and the server sends its HTML.
 */
'use client';

export type { CancelFlowOptions, Outcome } from '@cancelflow/widget';
export { CancelFlowButton, type CancelFlowButtonProps } from './button.ts';
export { type CancelFlowHandle, useCancelFlow } from './use-cancel-flow.ts';
