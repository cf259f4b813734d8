import './editor.css';
import type { Problem } from '@cancelflow/core/validate';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { createFlowEditor, type FlowEditorHandle } from './create-editor.ts';
import { loadAuthor, loadDraft, saveAuthor, saveDraft } from './drafts.ts';
import { type FlowVersion, versions as listVersions, liveFlow, publish, restore } from './flows-api.ts';
import { Preview } from './Preview.tsx';
import { ProblemList } from './ProblemList.tsx';
import { Versions } from './Versions.tsx';

type Outcome = { readonly kind: 'ok' | 'error'; readonly text: string };

/** A flow source's `version`, if it parses as JSON with one. */
/**
 * The flow's own id and `version` ("flow acme v2"), which a publish number is not: rolling back to the
 * file publishes version 3 of a flow whose own version may be 1.
 */
function flowLabel(source: string): string {
  try {
    const { id, version } = JSON.parse(source) as { id?: unknown; version?: unknown };
    return `flow ${String(id)} v${String(version)}`;
  } catch {
    return 'a flow that is not valid JSON';
  }
}

function versionOf(source: string): unknown {
  try {
    return (JSON.parse(source) as { version?: unknown }).version;
  } catch {
    return undefined;
  }
}

/**
 * The flow editor (loaded on demand, so the insights stay light): the site's flow JSON in CodeMirror
 * with the validator's problems inline, the real widget previewing the draft, publishing, versions
 * and rollback over `/v1/admin/flows` (docs/dashboard.md, _Flow editor_).
 */
export default function FlowView({ siteId }: { siteId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<FlowEditorHandle | undefined>(undefined);
  const [live, setLive] = useState<{ live: number; source: string }>();
  const [history, setHistory] = useState<readonly FlowVersion[]>([]);
  const [text, setText] = useState('');
  const [valid, setValid] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [refused, setRefused] = useState<readonly Problem[]>([]);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const [author, setAuthor] = useState(loadAuthor);
  const [note, setNote] = useState('');
  const [loadError, setLoadError] = useState('');

  const refresh = useCallback(async () => {
    const [current, list] = await Promise.all([liveFlow(siteId), listVersions(siteId)]);
    setLive(current);
    setHistory(list.versions);
    return current;
  }, [siteId]);

  useEffect(() => {
    let cancelled = false;
    setLive(undefined);
    setOutcome(undefined);
    setRefused([]);
    refresh().then(
      (current) => {
        if (cancelled || !host.current) return;
        const start = loadDraft(siteId) ?? current.source;
        setText(start);
        setValid(current.source);
        if (editor.current) editor.current.setText(start);
        else {
          editor.current = createFlowEditor({
            parent: host.current,
            text: start,
            label: `Flow JSON of site ${siteId}`,
            onChange: setText,
            onProblems: (checked, found) => {
              setProblems(found);
              if (!found.some((p) => p.severity === 'error')) setValid(checked);
            },
          });
        }
      },
      (error: Error) => !cancelled && setLoadError(error.message),
    );
    return () => {
      cancelled = true;
    };
  }, [siteId, refresh]);
  useEffect(() => () => editor.current?.view.destroy(), []);
  useEffect(() => {
    if (live) saveDraft(siteId, text, live.source);
  }, [siteId, text, live]);

  const done = async (message: string, source?: string) => {
    const current = await refresh();
    editor.current?.setText(source ?? current.source);
    setNote('');
    setRefused([]);
    setOutcome({ kind: 'ok', text: message });
  };
  const onPublish = async () => {
    setBusy(true);
    setOutcome(undefined);
    saveAuthor(author);
    // The editor's own text, not this render's copy: a click right after a paste must publish the paste.
    const submitted = editor.current?.view.state.doc.toString() ?? text;
    try {
      const { version, unchanged } = await publish(siteId, submitted, { note, author });
      await done(
        unchanged
          ? `Nothing changed since version ${version.number}: the draft is that version's flow, so no new version was published.`
          : `Published version ${version.number} (${flowLabel(submitted)}). New sessions use it from now on.`,
        submitted,
      );
    } catch (error) {
      const found = error instanceof ApiError ? (error.details.problems as Problem[] | undefined) : undefined;
      setRefused(found ?? []);
      if (found) editor.current?.showServerProblems(submitted, found);
      setOutcome({ kind: 'error', text: `Not published: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  const onRestore = async (number: number) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const { version, unchanged } = await restore(siteId, number, { author, note: '' });
      const restored = number === 0 ? 'the sites file' : `version ${number}`;
      await done(
        unchanged
          ? `Nothing changed since version ${version.number}: it already runs the flow of ${restored}, so no new version was published.`
          : `Rolled back: version ${version.number} republishes ${restored}.`,
      );
    } catch (error) {
      setOutcome({ kind: 'error', text: `Not rolled back: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const reveal = (p: Problem) => editor.current?.reveal(p.line, p.column);
  const draftVersion = versionOf(text);
  const sameVersion = live !== undefined && text !== live.source && draftVersion === versionOf(live.source);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const changed = live !== undefined && text !== live.source;
  return (
    <section aria-labelledby="flow-title" class="flow-view">
      <div class="section-head">
        <h2 id="flow-title">Flow of {siteId}</h2>
        <p class="muted" role="status">
          {live === undefined
            ? 'Loading…'
            : `Live: ${live.live === 0 ? 'the sites file (version 0)' : `version ${live.live}`} — ${flowLabel(live.source)}${changed ? ' · the draft has changes' : ''}`}
        </p>
      </div>
      {loadError ? (
        <p class="error" role="alert">
          Could not load the flow: {loadError}
        </p>
      ) : null}
      <div class="editor-layout">
        <div class="editor-pane">
          <div ref={host} class="code" />
          <p class="muted" aria-live="polite">
            {errors === 0
              ? 'The validator finds no errors.'
              : `The validator finds ${errors} error${errors === 1 ? '' : 's'}.`}{' '}
            Ctrl+Space completes field names; hover a field for its description.
          </p>
          <ProblemList id="draft-problems" title="Problems in the draft" problems={problems} onReveal={reveal} />
          <form
            class="toolbar publish"
            onSubmit={(e) => {
              e.preventDefault();
              void onPublish();
            }}
          >
            <label>
              Your name
              <input value={author} maxLength={100} onInput={(e) => setAuthor(e.currentTarget.value)} />
            </label>
            <label class="grow">
              Note
              <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
            </label>
            <button type="submit" disabled={busy || live === undefined}>
              Publish
            </button>
            <button
              type="button"
              class="quiet"
              disabled={!changed}
              onClick={() => live && editor.current?.setText(live.source)}
            >
              Discard the draft
            </button>
          </form>
          {sameVersion && draftVersion !== undefined ? (
            <p class="warning">
              The draft changes the flow but keeps <code>"version": {JSON.stringify(draftVersion)}</code>: bump it
              before publishing, so that each session's recorded version tells the two flows apart.
            </p>
          ) : null}
          {outcome ? (
            <p class={outcome.kind === 'ok' ? 'ok' : 'error'} role={outcome.kind === 'ok' ? 'status' : 'alert'}>
              {outcome.text}
            </p>
          ) : null}
          <ProblemList id="publish-problems" title="Why the server refused it" problems={refused} onReveal={reveal} />
        </div>
        <Preview source={valid} stale={valid !== text} />
      </div>
      <Versions
        key={history.length}
        siteId={siteId}
        versions={history}
        live={live?.live ?? 0}
        busy={busy}
        onRestore={(n) => void onRestore(n)}
      />
    </section>
  );
}
