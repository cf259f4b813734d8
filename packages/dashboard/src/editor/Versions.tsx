import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { DiffProps } from './Diff.tsx';
import { type FlowVersion, versionSource } from './flows-api.ts';

interface Props {
  readonly siteId: string;
  readonly versions: readonly FlowVersion[];
  readonly live: number;
  readonly busy: boolean;
  readonly onRestore: (number: number) => void;
}

/** `2026-06-30 14:05`, in UTC like every time the dashboard shows. */
const utcMinute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const describe = (v: FlowVersion) =>
  v.restoredFrom === null
    ? (v.note ?? '')
    : `Rollback to ${v.restoredFrom === 0 ? 'the sites file' : `version ${v.restoredFrom}`}${v.note ? `: ${v.note}` : ''}`;

/** A version's name in the pickers: 0 is the sites file's flow. */
const name = (n: number) => (n === 0 ? '0 (sites file)' : String(n));
/** The same in a sentence, the diff's title: "version 0 (the sites file)", "version 3". */
const named = (n: number) => (n === 0 ? 'version 0 (the sites file)' : `version ${n}`);

/** One of the diff's two version pickers. */
function VersionSelect(props: {
  label: string;
  value: number;
  numbers: readonly number[];
  onChange: (n: number) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        onChange={(e) => props.onChange(Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {props.numbers.map((n) => (
          <option key={n} value={n}>
            {name(n)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Rolling back publishes at once, for every new session: the first press asks, the second does it.
 * (Focus moves to the confirming button, so a keyboard user confirms with a second Enter.)
 */
function RollbackButton(props: { number: number; label: string; busy: boolean; onRestore: (n: number) => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="quiet" disabled={props.busy} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm-rollback">
      <button
        type="button"
        disabled={props.busy}
        ref={(button) => button?.focus()}
        onClick={() => {
          setAsking(false);
          props.onRestore(props.number);
        }}
      >
        {props.label}: publish now
      </button>
      <button type="button" class="quiet" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** The site's published versions with who, when and what changed; a diff of any two; rollback. */
export function Versions({ siteId, versions, live, busy, onRestore }: Props) {
  const numbers = [...versions.map((v) => v.number), 0];
  const [from, setFrom] = useState<number>(versions[1]?.number ?? 0);
  const [to, setTo] = useState<number>(versions[0]?.number ?? 0);
  const [compared, setCompared] = useState<{
    from: number;
    to: number;
    before: string;
    after: string;
    Diff: ComponentType<DiffProps>;
  }>();
  const [error, setError] = useState('');
  const compare = async () => {
    setError('');
    try {
      // The diff (the `diff` library, about 3 KB gzip) is fetched with the first comparison, not with the editor.
      const [a, b, { Diff }] = await Promise.all([
        versionSource(siteId, from),
        versionSource(siteId, to),
        import('./Diff.tsx'),
      ]);
      setCompared({ from, to, before: a.source, after: b.source, Diff });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="versions-title">
      <h3 id="versions-title">Versions</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section class="table-scroll" tabIndex={0} aria-label="Published versions">
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">
                Flow JSON's <code>"id"</code>, <code>"version"</code>
              </th>
              <th scope="col">Published (UTC)</th>
              <th scope="col">By</th>
              <th scope="col">Note</th>
              <th scope="col">Changes</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.number}>
                <th scope="row">
                  {v.number}
                  {v.number === live ? <span class="badge">live</span> : null}
                </th>
                {/* The `id` style in a span: on the cell itself its display: block took the cell out of the row. */}
                <td>
                  <span class="id">
                    {v.flowId}, {v.flowVersion}
                  </span>
                </td>
                <td>{utcMinute(v.publishedAt)}</td>
                <td>
                  {v.author ?? '—'} <span class="id">({v.via === 'cookie' ? 'dashboard' : 'admin key'})</span>
                </td>
                <td>{describe(v)}</td>
                <td>
                  {v.changes
                    ? `+${v.changes.linesAdded} −${v.changes.linesRemoved} lines${v.changes.fields.length ? `: ${v.changes.fields.join(', ')}` : ''}`
                    : '—'}
                </td>
                <td>
                  {v.number === live ? null : (
                    <RollbackButton
                      number={v.number}
                      label={`Roll back to ${v.number}`}
                      busy={busy}
                      onRestore={onRestore}
                    />
                  )}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">0{live === 0 ? <span class="badge">live</span> : null}</th>
              <td colSpan={4}>The sites file's flow (the seed)</td>
              <td>—</td>
              <td>
                {live === 0 ? null : (
                  <RollbackButton number={0} label="Roll back to the file" busy={busy} onRestore={onRestore} />
                )}
              </td>
            </tr>
          </tbody>
        </table>
      </section>
      {/* Before the first publish the pickers could only offer version 0 against itself. */}
      {versions.length === 0 ? (
        <p class="muted compare">
          Nothing to compare yet: the sites file's flow is the only version. Each publish adds one.
        </p>
      ) : (
        <div class="toolbar compare">
          <VersionSelect label="Compare" value={from} numbers={numbers} onChange={setFrom} />
          <VersionSelect label="with" value={to} numbers={numbers} onChange={setTo} />
          <button type="button" class="quiet" onClick={() => void compare()}>
            Show the diff
          </button>
        </div>
      )}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {compared ? (
        <compared.Diff
          before={compared.before}
          after={compared.after}
          label={`Changes from ${named(compared.from)} to ${named(compared.to)}`}
        />
      ) : null}
    </section>
  );
}
