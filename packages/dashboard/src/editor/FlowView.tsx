import './editor.css';
import type { Problem } from '@cancelflow/core/validate';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { createFlowEditor, type FlowEditorHandle } from './create-editor.ts';
import { loadAuthor, loadDraft, saveAuthor, saveDraft } from './drafts.ts';
import { type Conflict, type FlowVersion, versions as listVersions, liveFlow, publish, restore } from './flows-api.ts';
import { Preview } from './Preview.tsx';
import { ProblemList } from './ProblemList.tsx';
import { Versions } from './Versions.tsx';

type Outcome = { readonly kind: 'ok' | 'error'; readonly text: string };

/**
 * The flow JSON's own `"id"` and `"version"`, said as JSON fields: what each session records, and not
 * the publish number the page counts versions by (rolling back to the file publishes version 3 of a
 * flow whose `"version"` may be 1).
 */
function jsonFields(source: string): string {
  try {
    const { id, version } = JSON.parse(source) as { id?: unknown; version?: unknown };
    return `"id": ${JSON.stringify(id) ?? 'none'}, "version": ${JSON.stringify(version) ?? 'none'}`;
  } catch {
    return 'not valid JSON';
  }
}

/** "version 4 (by Alex, 2026-06-01 10:02 UTC)": who published over the draft's base, and when. */
function published(conflict: Conflict): string {
  const v = conflict.version;
  if (!v) return `version ${conflict.live}`;
  return `version ${v.number} (${v.author ? `by ${v.author}, ` : ''}${v.publishedAt.slice(0, 16).replace('T', ' ')} UTC)`;
}

/** A refusal's 409 details, when it is a conflict: a version newer than the base was published. */
const conflictOf = (error: unknown): Conflict | undefined =>
  error instanceof ApiError && error.status === 409 && typeof error.details.live === 'number'
    ? (error.details as unknown as Conflict)
    : undefined;

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
  // The version the draft was edited from; a publish sends it, so another tab's publish since is not
  // overwritten unseen. `conflict` holds the newer version once the server has said so.
  const [base, setBase] = useState(0);
  const [conflict, setConflict] = useState<Conflict>();

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
    setConflict(undefined);
    refresh().then(
      (current) => {
        if (cancelled || !host.current) return;
        const draft = loadDraft(siteId);
        const start = draft?.text ?? current.source;
        setBase(draft?.base ?? current.live);
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
    if (live) saveDraft(siteId, text, live.source, base);
  }, [siteId, text, live, base]);

  const done = async (message: string, source?: string) => {
    const current = await refresh();
    setBase(current.live);
    setConflict(undefined);
    editor.current?.setText(source ?? current.source);
    setNote('');
    setRefused([]);
    setOutcome({ kind: 'ok', text: message });
  };
  /** Publishes the draft as edited from `from`: its base, or the newer version a conflict named. */
  const onPublish = async (from: number) => {
    setBusy(true);
    setOutcome(undefined);
    saveAuthor(author);
    // The editor's own text, not this render's copy: a click right after a paste must publish the paste.
    const submitted = editor.current?.view.state.doc.toString() ?? text;
    try {
      const { version, unchanged } = await publish(siteId, submitted, { note, author, baseVersion: from });
      await done(
        unchanged
          ? `Nothing changed since version ${version.number}: the draft is that version's flow, so no new version was published.`
          : `Published version ${version.number}. New sessions use it from now on.`,
        submitted,
      );
    } catch (error) {
      const clash = conflictOf(error);
      if (clash) {
        // The versions list and the live line show the newer version; the draft stays as it is.
        await refresh().catch(() => undefined);
        setConflict(clash);
        setOutcome({
          kind: 'error',
          text: `Not published: ${published(clash)} was published after version ${from}, which this draft was edited from. Your draft is kept: compare it with version ${clash.live} (Versions, below), then publish over it or discard the draft.`,
        });
        return;
      }
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
      const { version, unchanged } = await restore(siteId, number, {
        author,
        note: '',
        baseVersion: live?.live ?? 0,
      });
      const restored = number === 0 ? 'the sites file' : `version ${number}`;
      await done(
        unchanged
          ? `Nothing changed since version ${version.number}: it already runs the flow of ${restored}, so no new version was published.`
          : `Rolled back: version ${version.number} republishes ${restored}.`,
      );
    } catch (error) {
      const clash = conflictOf(error);
      if (clash) {
        await refresh().catch(() => undefined);
        setOutcome({
          kind: 'error',
          text: `Not rolled back: ${published(clash)} was published since this page read the versions. The list below is up to date now: roll back again if you still want to.`,
        });
        return;
      }
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
        {/* One number in the headline, the publish number that Versions, the diff and rollback use; the
            JSON's own fields in a details line, named as fields, so the two are not read as one. */}
        <p class="muted" role="status">
          {live === undefined
            ? 'Loading…'
            : `Live: ${live.live === 0 ? 'the sites file (version 0)' : `version ${live.live}`}${changed ? ' · the draft has changes' : ''}`}
        </p>
      </div>
      {live === undefined ? null : (
        <p class="muted flow-fields">
          Its flow JSON: <code>{jsonFields(live.source)}</code> (what each session records)
        </p>
      )}
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
              void onPublish(base);
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
              onClick={() => {
                if (!live) return;
                setBase(live.live);
                setConflict(undefined);
                editor.current?.setText(live.source);
              }}
            >
              Discard the draft
            </button>
            {conflict ? (
              <button type="button" disabled={busy} onClick={() => void onPublish(conflict.live)}>
                Publish over version {conflict.live}
              </button>
            ) : null}
          </form>
          {live && !conflict && changed && base !== live.live ? (
            <p class="warning">
              This draft was edited from version {base}; version {live.live} has been published since. Publishing will
              ask before replacing it.
            </p>
          ) : null}
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
