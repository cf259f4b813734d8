import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ContextPicker } from './ContextPicker.tsx';
import { choicesOf, claimsOf, DEFAULT_CONTEXT, type PreviewContext } from './context.ts';

/** The message the preview page (src/preview/main.ts) answers: a static flow and who is cancelling. */
export interface PreviewMessage {
  readonly type: 'cancelflow-preview';
  readonly source: string;
  readonly subscriber: Record<string, unknown>;
  readonly locale?: string;
}

interface Props {
  /** The newest draft that validates; the preview never runs a flow with errors. */
  readonly source: string;
  /** Whether the editor's current text differs from `source` (it has errors). */
  readonly stale: boolean;
}

/**
 * The real widget (the built `@cancelflow/widget`, loaded by the preview page) running the draft as a
 * static flow in a same-origin frame: nothing is posted to the server. Each change loads the frame
 * anew, so every preview starts at the flow's first step.
 */
export function Preview({ source, stale }: Props) {
  const [context, setContext] = useState<PreviewContext>(DEFAULT_CONTEXT);
  const [generation, setGeneration] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);
  const choices = useMemo(() => {
    try {
      return choicesOf(JSON.parse(source));
    } catch {
      return choicesOf({});
    }
  }, [source]);
  const message = useMemo<PreviewMessage>(
    () => ({
      type: 'cancelflow-preview',
      source,
      subscriber: claimsOf(context, choices),
      ...(context.locale ? { locale: context.locale } : {}),
    }),
    [source, context, choices],
  );

  // A new frame for each flow or subscriber; it says when it is ready for the message.
  useEffect(() => setGeneration((g) => g + 1), [message]);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== location.origin || event.source !== frame.current?.contentWindow) return;
      if ((event.data as { type?: string })?.type === 'cancelflow-preview-ready') {
        frame.current?.contentWindow?.postMessage(message, location.origin);
      }
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, [message]);

  return (
    <section class="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">Preview</h3>
      <ContextPicker context={context} choices={choices} onChange={setContext} />
      {stale ? (
        <p class="note" role="status">
          The draft has errors: the preview shows its last valid state.
        </p>
      ) : null}
      <iframe
        key={generation}
        ref={frame}
        src="./preview.html"
        title="Preview of the widget running the draft"
        class="preview-frame"
      />
    </section>
  );
}
