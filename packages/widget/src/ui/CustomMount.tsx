/** @jsxImportSource #vdom */
import type { CustomRenderContext, CustomRenderer } from '../runner/contract.ts';
import { useEffect, useRef } from './vdom/hooks.ts';

/** Mounts a site-provided renderer (any framework) into a container and cleans it up on leave. */
export function CustomMount({
  render,
  context,
}: {
  readonly render: CustomRenderer;
  readonly context: CustomRenderContext;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => (container.current ? render(container.current, context) : undefined), [render, context.kind]);
  return <div class="custom" ref={container} />;
}
