import type { Problem } from '@cancelflow/core/validate';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { EditorSelection } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { lazySearchKeymap } from './lazy-search.ts';
import { toDiagnostic, validatorDiagnostics } from './problems.ts';
import { schemaCompletion, schemaHover } from './schema-help.ts';
import type { SchemaNode } from './schema-lookup.ts';

/**
 * The flow's JSON Schema (about 7 KB gzip), a chunk of its own fetched as the editor opens: only
 * completion and hover read it, and they wait for it, so the editor's first paint does not. Not
 * fetched (the server gone): they offer nothing, the rest of the editor works.
 */
const loadSchema = (): Promise<SchemaNode | undefined> =>
  import('@cancelflow/core/flow.schema.json', { with: { type: 'json' } }).then(
    (module) => module.default as unknown as SchemaNode,
    () => undefined,
  );

export interface FlowEditorHandle {
  readonly view: EditorView;
  /** Replaces the whole text (a version loaded, the draft discarded). */
  setText(text: string): void;
  /** Moves the cursor to a problem's line and column and focuses the editor. */
  reveal(line: number, column: number): void;
  /** The server's answer to a refused publish, shown inline until the text changes. */
  showServerProblems(text: string, problems: readonly Problem[]): void;
}

export interface FlowEditorOptions {
  readonly parent: HTMLElement;
  readonly text: string;
  readonly label: string;
  readonly onChange: (text: string) => void;
  /** Every time the validator ran: the problems of the text it ran on. */
  readonly onProblems: (text: string, problems: readonly Problem[]) => void;
}

/**
 * CodeMirror 6 over the flow's JSON: the project's JSON Schema for completion and hover, and core's
 * validator (the one `cancelflow validate` runs) as its linter, so problems show at their line.
 */
export function createFlowEditor(options: FlowEditorOptions): FlowEditorHandle {
  const schema = loadSchema();
  let server: { text: string; problems: readonly Problem[] } | undefined;
  const lint = linter(
    (view) => {
      const text = view.state.doc.toString();
      const local = validatorDiagnostics(view.state);
      options.onProblems(text, local.problems);
      const fromServer =
        server?.text === text
          ? server.problems
              .map((p) => toDiagnostic(view.state, p, 'server'))
              .filter((d) => !local.diagnostics.some((l) => l.from === d.from && l.message === d.message))
          : [];
      return [...local.diagnostics, ...fromServer];
    },
    { delay: 300 },
  );
  const view = new EditorView({
    parent: options.parent,
    doc: options.text,
    extensions: [
      // CodeMirror's basicSetup, less what the editor never needed (rectangular selection, the crosshair
      // cursor, the drop cursor, highlighting the selection's other matches, the default highlight style:
      // classHighlighter below styles the JSON) and with search fetched on first use (lazy-search.ts).
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      foldGutter(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      autocompletion(),
      highlightActiveLine(),
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...lazySearchKeymap,
        ...historyKeymap,
        ...foldKeymap,
        ...completionKeymap,
        ...lintKeymap,
      ]),
      json(),
      jsonLanguage.data.of({ autocomplete: schemaCompletion(schema) }),
      schemaHover(schema),
      lint,
      lintGutter(),
      syntaxHighlighting(classHighlighter),
      EditorView.lineWrapping,
      // The page's CSP allows <style> elements only with the nonce the server put in this meta tag.
      EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content ?? ''),
      // tabindex said outright: axe counts the scroller's content as keyboard-reachable only with it.
      EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    view,
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    reveal(line, column) {
      const l = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
      const pos = Math.min(l.from + Math.max(column, 1) - 1, l.to);
      view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
      view.focus();
    },
    showServerProblems(text, problems) {
      server = { text, problems };
      forceLinting(view);
    },
  };
}
