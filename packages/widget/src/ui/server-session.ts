import { type Adapter, randomId, type SessionPreview, type SessionStart } from '@cancelflow/core';
import { serverNow, startRemoteSession } from '../adapters/start-remote.ts';
import { painted } from '../painted.ts';
import type { OpenOptions } from '../runner/contract.ts';
import { keepPreview, keptPreview } from './preview.ts';
import { localePreferences, type Started, startedWith } from './started.ts';

/**
 * Starts a session on the reference server (`POST /v1/sessions`) under an id of our own, and draws
 * its first screen from the page's preview (preview.ts) when there is one — then without waiting for
 * the server. `signal`, the first screen's deadline from the click, also bounds that wait for the
 * server's answer: none by then, and the widget fails open.
 */
export async function startOnServer(
  options: OpenOptions & { endpoint: string },
  adapter: Adapter,
  signal: AbortSignal,
): Promise<Started> {
  const sessionId = `ses_${randomId()}`;
  const send = (within = signal) =>
    startRemoteSession(
      options.endpoint,
      { ...(options.token && { token: options.token }), locale: localePreferences(options), sessionId },
      within,
    );
  const kept = keptPreview(options);
  // With the preview at hand the session is asked once the first screen is painted, so that neither
  // the request nor its answer takes time from that frame.
  const answer = kept?.value ? painted().then(() => send()) : send();
  // A preview still on its way was asked before the click: it may well come before this answer.
  const preview =
    kept?.value ??
    (kept &&
      (await Promise.race([
        kept.pending?.then(() => kept.value),
        answer.then(
          () => undefined,
          () => undefined,
        ),
      ])));
  if (preview)
    return drawnFromPreview(options, adapter, preview, sessionId, answer, () => send(AbortSignal.timeout(8000)));
  const session = await answer;
  keepPreview(options, session);
  return onServer(adapter, session);
}

/** A session the server resolved: the subscriber's dates count from the server's clock. */
const onServer = async (adapter: Adapter, session: SessionStart): Promise<Started> => ({
  ...(await startedWith(adapter, session)),
  now: serverNow,
});

/**
 * A session drawn from the preview while the server stores it under `sessionId`. Its events and
 * decisions wait for the server's answer (they need its key). If the answer differs from the preview
 * (a flow published in between, a cooldown that began), `restart` is the session to start over with,
 * and nothing the preview's engine did is sent; if the server fails, `restart` rejects (fail open) —
 * unless an offer the subscriber took waits for the key: its retry asks the server again (`resend`,
 * the same id, which the server answers with the same session), so that staying stays possible.
 */
async function drawnFromPreview(
  options: OpenOptions,
  adapter: Adapter,
  preview: SessionPreview,
  sessionId: string,
  answer: ReturnType<typeof startRemoteSession>,
  resend: () => ReturnType<typeof startRemoteSession>,
): Promise<Started> {
  const fingerprint = (s: SessionPreview) => JSON.stringify([s.flow, s.subscriber, s.locale]);
  const same = (real: SessionStart) => real.sessionId === sessionId && fingerprint(real) === fingerprint(preview);
  let asked = answer;
  const key = async () => {
    asked = asked.catch(resend);
    const real = await asked;
    if (!same(real)) throw new Error("the session started over from the server's answer");
    return real.sessionKey;
  };
  return {
    ...(await onServer(adapter, { ...preview, sessionId, sessionKey: '' })),
    key,
    restart: answer.then((real) => {
      keepPreview(options, real);
      return same(real) ? undefined : onServer(adapter, real);
    }),
  };
}
