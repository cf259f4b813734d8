import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type FlowView = ComponentType<{ siteId: string }>;

/** The flow editor's chunk (CodeMirror, the schema, the validator) is fetched only when this view opens. */
export function LazyFlowEditor({ siteId }: { siteId: string | undefined }) {
  const [view, setView] = useState<{ component: FlowView } | { error: string }>();
  useEffect(() => {
    // `await` and try, not `import().then(ok, failed)`: the build wraps that whole chain in the
    // preloading of the chunk's stylesheet, so a stylesheet that failed to load (the server down)
    // rejected outside `failed`, and the view said "Loading the editor…" for ever.
    const load = async () => {
      try {
        setView({ component: (await import('../editor/FlowView.tsx')).default });
      } catch (error) {
        setView({ error: (error as Error).message });
      }
    };
    void load();
  }, []);
  if (!siteId) return <p class="muted">No site is configured.</p>;
  if (view && 'error' in view)
    return (
      <p class="error" role="alert">
        Could not load the editor: {view.error}. Reload the page to try again.
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
