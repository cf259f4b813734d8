import { useState } from 'preact/hooks';
import { expired, signIn } from '../api.ts';

/** The admin key for a session cookie; the key itself is not kept by the page. */
export function SignIn() {
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <main class="sign-in">
      <h1>cancelflow insights</h1>
      {expired.value ? (
        <p class="warning" role="status">
          Your sign-in has ended (it lasts 8 hours, and signing out anywhere ends it): sign in again to go on where you
          were. An unpublished flow draft is kept in this browser.
        </p>
      ) : null}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          try {
            await signIn(key);
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <label for="admin-key">Admin key</label>
        <input
          id="admin-key"
          type="password"
          autocomplete="current-password"
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-describedby={error ? 'sign-in-error' : 'admin-key-hint'}
        />
        <p id="admin-key-hint" class="muted">
          The server's <code>CANCELFLOW_ADMIN_KEY</code>. Signing in sets a cookie for 8 hours.
        </p>
        {error ? (
          <p id="sign-in-error" class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
