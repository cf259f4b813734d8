import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type FlowView = ComponentType<{ siteId: string }>;

/** The flow editor's chunk (CodeMirror, the schema, the validator) is fetched only when this view opens. */
export function LazyFlowEditor({ siteId }: { siteId: string | undefined }) {
  const [view, setView] = useState<{ component: FlowView } | { error: string }>();
  useEffect(() => {
    import('../editor/FlowView.tsx').then(
      (module) => setView({ component: module.default }),
      (error: Error) => setView({ error: error.message }),
    );
  }, []);
  if (!siteId) return <p class="muted">No site is configured.</p>;
  if (view && 'error' in view)
    return (
      <p class="error" role="alert">
        Could not load the editor: {view.error}
      </p>
    );
  if (!view)
    return (
      <p class="muted" role="status">
        Loading the editor…
      </p>
    );
  const View = view.component;
  return <View siteId={siteId} />;
}
