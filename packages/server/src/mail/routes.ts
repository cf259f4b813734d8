import type { Context, Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { type LinkClaims, verifyLink } from './links.ts';
import type { MailKey } from './messages/en.ts';
import { linkPage } from './page.ts';
import { type ComeBack, comeBack } from './reactivate.ts';
import { mailTranslator } from './texts.ts';

/** The signed token of a link: in the query (the link itself, RFC 8058's POST) or the page's form. */
async function tokenOf(c: Context): Promise<string> {
  const fromQuery = c.req.query('t');
  if (fromQuery) return fromQuery;
  if (c.req.method !== 'POST') return '';
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  return typeof form.t === 'string' ? form.t : '';
}

/**
 * The pages behind the links in follow-up mail: undo a cancellation (through the billing plugin) and
 * one-click unsubscribe (RFC 8058: a POST with `List-Unsubscribe=One-Click` to the header's URL).
 * Each link is signed for one site and one session or address; a forged or expired one gets a 404.
 */
export function mailRoutes(app: Hono, deps: AppDeps): void {
  const route =
    <A extends LinkClaims['a']>(
      action: A,
      run: (c: Context, claims: Extract<LinkClaims, { a: A }>, token: string) => Promise<Response>,
    ) =>
    async (c: Context) => {
      const token = await tokenOf(c);
      const claims = verifyLink(token, (id) => deps.sites.get(id), deps.now());
      if (!claims || claims.a !== action) {
        const t = await mailTranslator(c.req.header('accept-language')?.split(',')[0]?.trim() || 'en');
        return linkPage(c, t, { title: t.m('mail.link.invalid'), message: t.m('mail.link.invalid') }, 404);
      }
      return run(c, claims as Extract<LinkClaims, { a: A }>, token);
    };

  /** What each link's page says: its button, the sentence above it, and the answers after pressing it. */
  const WORDS = {
    undo: { label: 'mail.undo.action', page: 'mail.undo.page', done: 'mail.undo.done' },
    reactivate: { label: 'mail.winback.action', page: 'mail.reactivate.page', done: 'mail.reactivate.done' },
    unsubscribe: { label: 'mail.unsubscribe.action', page: 'mail.unsubscribe.page', done: 'mail.unsubscribe.done' },
  } as const satisfies Record<LinkClaims['a'], Record<'label' | 'page' | 'done', MailKey>>;

  // Opening a link shows its button; only pressing it (a POST) acts.
  for (const action of ['undo', 'reactivate', 'unsubscribe'] as const) {
    app.get(
      `/v1/mail/${action}`,
      route(action, async (c, claims, token) => {
        const t = await mailTranslator(claims.locale);
        const label = t.m(WORDS[action].label);
        return linkPage(c, t, { title: label, message: t.m(WORDS[action].page), action: { label, token } });
      }),
    );
  }

  const comeBackRoute = (action: 'undo' | 'reactivate') =>
    route(action, async (c, claims) => {
      const t = await mailTranslator(claims.locale);
      const site = deps.sites.get(claims.site);
      const how: ComeBack = claims.a === 'reactivate' ? { kind: 'winback', step: claims.step } : { kind: 'undo' };
      const outcome = site ? await comeBack(deps, site, claims.session, how) : 'unknown';
      const title = t.m(WORDS[action].label);
      if (outcome === 'done') return linkPage(c, t, { title, message: t.m(WORDS[action].done) });
      if (outcome === 'too_late') return linkPage(c, t, { title, message: t.m('mail.undo.tooLate') }, 410);
      return linkPage(c, t, { title, message: t.m('mail.link.invalid') }, 404);
    });
  app.post('/v1/mail/undo', comeBackRoute('undo'));
  app.post('/v1/mail/reactivate', comeBackRoute('reactivate'));

  app.post(
    '/v1/mail/unsubscribe',
    route('unsubscribe', async (c, claims) => {
      await deps.db
        .insertInto('mail_suppressions')
        .values({ site_id: claims.site, address_hash: claims.h, created_at: deps.now().toISOString() })
        .onConflict((oc) => oc.columns(['site_id', 'address_hash']).doNothing())
        .execute();
      const t = await mailTranslator(claims.locale);
      return linkPage(c, t, { title: t.m(WORDS.unsubscribe.label), message: t.m(WORDS.unsubscribe.done) });
    }),
  );
}
