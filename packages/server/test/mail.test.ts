import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/webhooks/sign.ts';
import { BACKENDS, type Backend } from './backends.ts';
import { ORIGIN, openSession, send, WEBHOOK_SECRET } from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';
import { cancel, linkIn, type MailServerArgs, savePause, startMailServer } from './mail-sites.ts';
import { Receiver, until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = (backend: Backend, ...rest: MailServerArgs) => startMailServer(cleanups, backend, ...rest);

describe.each(BACKENDS)('follow-up mail over SMTP (%s)', (backend) => {
  it('confirms a cancellation in the session language: what, when, access end, refund, receipt, undo, unsubscribe headers', async () => {
    const { catcher, t } = await setUp(backend);
    const receipt = await cancel(
      t,
      { sub: 'm_de', sid: 'sub_de', email: 'lena@example.de', periodEnd: '2099-03-05' },
      'de-DE',
    );
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    const [mail] = catcher.accepted;
    if (!mail) throw new Error('unreachable');
    expect(mail.to).toBe('lena@example.de');
    expect(mail.subject).toBe('Ihre Kündigung ist bestätigt');
    expect(mail.messageId).toMatch(/^<mail_[\w-]+@acme\.example>$/);
    expect(mail.text).toContain('Abonnement: sub_de');
    expect(mail.text).toContain('Zugang endet am 5. März 2099');
    expect(mail.text).toContain(`Referenz: ${receipt.id}`);
    expect(mail.text).toContain(receipt.url);
    expect(mail.text).toContain('bis zum 4. März 2099 zurücknehmen');
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
    expect(mail.html).toContain(`href="${receipt.url}"`);
    const unsubscribe = MailCatcher.header(mail, 'List-Unsubscribe')?.replace(/\s+/g, '');
    expect(unsubscribe).toBe(`<${linkIn(mail.text, '/v1/mail/unsubscribe')}>`);
    expect(MailCatcher.header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // The receipt link in the mail answers with the same receipt.
    const page = await send(receipt.url, { headers: { accept: 'application/json' } });
    expect(page.body.id).toBe(receipt.id);
  });

  it("links the receipt on the server's own address, whatever Host header the cancel came in with", async () => {
    const { catcher, t } = await setUp(backend);
    const s = await openSession(t, { sub: 'm_host', email: 'host@example.com' });
    const body = JSON.stringify({ sessionKey: s.sessionKey });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        `${t.url}/v1/sessions/${s.sessionId}/cancel`,
        {
          method: 'POST',
          headers: { host: 'evil.example', origin: ORIGIN, 'content-type': 'application/json' },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    expect(answer.status).toBe(200);
    const receipt = JSON.parse(answer.body) as { id: string };
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    const text = catcher.accepted[0]?.text ?? '';
    expect(text).toContain(`${t.url}/v1/receipts/${receipt.id}`);
    expect(text).not.toContain('evil.example');
  });

  it('the undo link takes the cancellation back through the billing plugin, once', async () => {
    const { catcher, t } = await setUp(backend);
    await cancel(t, { sub: 'm_undo', sid: 'sub_undo', email: 'undo@example.com', periodEnd: '2099-03-05' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    const undo = linkIn(catcher.accepted[0]?.text ?? '', '/v1/mail/undo');
    const ledger = async () => (await t.admin('GET', '/v1/admin/subscribers/m_undo/export')).body.subscriptions[0];
    expect((await ledger()).status).toBe('cancelling');

    // Opening the link only shows a button (mail scanners fetch links); nothing changes yet.
    const shown = await send(undo, {});
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<form method="post">');
    expect((await ledger()).status).toBe('cancelling');

    const token = new URL(undo).searchParams.get('t') ?? '';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const posted = await send(`${t.url}/v1/mail/undo`, { method: 'POST', headers: form, body: `t=${token}` });
    expect(posted.status).toBe(200);
    expect(posted.text).toContain('Your cancellation is undone');
    expect(await ledger()).toMatchObject({ status: 'active', cancel_at: null });
    // The subscriber's export names the undo, as erasure deletes it.
    const exported = (await t.admin('GET', '/v1/admin/subscribers/m_undo/export')).body;
    expect(exported.reactivations).toEqual([expect.objectContaining({ state: 'applied' })]);
    const again = await send(`${t.url}/v1/mail/undo`, { method: 'POST', headers: form, body: `t=${token}` });
    expect(again.status).toBe(200);

    // A forged token (another session signed with a made-up MAC) is refused.
    const [payload] = token.split('.');
    const forged = await send(`${t.url}/v1/mail/undo?t=${payload}.AAAA`, { method: 'POST' });
    expect(forged.status).toBe(404);
  });

  it('confirms a save with the change applied, and one-click unsubscribe stops it but not a cancellation', async () => {
    const { catcher, t } = await setUp(backend);
    const saved = await savePause(t, { sub: 'm_save', email: 'save@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the save confirmation');
    const [mail] = catcher.accepted;
    if (!mail) throw new Error('unreachable');
    expect(mail.subject).toBe('Your change is confirmed');
    const resumes = new Date(`${saved.result.resumesOn}T00:00:00Z`).toLocaleDateString('en', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(mail.text).toContain(`Your subscription is paused until ${resumes}.`);
    expect(mail.text).not.toContain('/v1/mail/undo');

    // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the header's URL.
    const url = (MailCatcher.header(mail, 'List-Unsubscribe') ?? '').replace(/\s+/g, '').slice(1, -1);
    const unsubscribed = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);

    await savePause(t, { sub: 'm_save', email: 'SAVE@example.com' });
    await cancel(t, { sub: 'm_save', email: 'save@example.com' });
    await until(() => catcher.accepted.length === 2, 10_000, 'the cancellation confirmation');
    const exported = async () => (await t.admin('GET', '/v1/admin/subscribers/m_save/export')).body.mail;
    await until(async () => (await exported()).some((m: { stop_reason: string }) => m.stop_reason), 10_000, 'the stop');
    expect(catcher.accepted[1]?.subject).toBe('Your cancellation is confirmed');
    const kinds = (await exported()).map((m: { kind: string; sent_at: string | null; stop_reason: string | null }) => [
      m.kind,
      m.sent_at !== null,
      m.stop_reason,
    ]);
    expect(kinds.sort()).toEqual([
      ['cancellation', true, null],
      ['saved', false, 'unsubscribed'],
      ['saved', true, null],
    ]);
  });

  it("confirms only a change: no save mail for the done step's offer after a cancel, nor for a contact", async () => {
    const { catcher, t } = await setUp(backend, undefined, undefined, {
      flow: (flow) => {
        const offers = flow.offers as Record<string, unknown>;
        offers.talk = { type: 'contact', email: 'help@acme.example' };
        offers.keep_data = { type: 'redirect', url: 'https://acme.example/export' };
        const steps = flow.steps as { type: string; offer?: string; reasons?: { id: string; offer?: string }[] }[];
        const missing = steps.find((s) => s.type === 'survey')?.reasons?.find((r) => r.id === 'missing');
        if (missing) missing.offer = 'talk';
        const done = steps.find((s) => s.type === 'done');
        if (done) done.offer = 'keep_data';
      },
    });
    const mailOf = async (sub: string) =>
      ((await t.admin('GET', `/v1/admin/subscribers/${sub}/export`)).body.mail as { kind: string }[]).map(
        (m) => m.kind,
      );

    // The done step's offer, taken after the cancel: the session stays cancelled, nothing was saved.
    const after = await openSession(t, { sub: 'm_after', email: 'after@example.com', mrr: 30, currency: 'USD' });
    const call = (path: string, body: Record<string, unknown>) =>
      t.call('POST', `/v1/sessions/${after.sessionId}/${path}`, { sessionKey: after.sessionKey, ...body });
    expect((await call('cancel', { reasonId: 'not_using' })).status).toBe(200);
    expect((await call('accept', { offerId: 'keep_data' })).status).toBe(200);
    expect(await mailOf('m_after')).toEqual(['cancellation']);
    // Accepted, and counted so, but it saved nothing: no MRR saved.
    const offers = (await t.admin('GET', '/v1/admin/insights/offers')).body.offers as {
      offerId: string;
      accepted: number;
      mrrSaved: object;
    }[];
    expect(offers.find((o) => o.offerId === 'keep_data')).toMatchObject({ accepted: 1, mrrSaved: {} });

    // A contact offer is never taken (writing to support is not staying): nothing is saved, nothing mailed.
    const talk = await openSession(t, { sub: 'm_talk', email: 'talk@example.com' });
    const booked = await t.call('POST', `/v1/sessions/${talk.sessionId}/accept`, {
      sessionKey: talk.sessionKey,
      offerId: 'talk',
      reasonId: 'missing',
    });
    expect(booked.status).toBe(422);
    expect(await mailOf('m_talk')).toEqual([]);

    // A pause is a change: confirmed.
    await savePause(t, { sub: 'm_pause', email: 'pause@example.com' });
    expect(await mailOf('m_pause')).toEqual(['saved']);
    await until(() => catcher.accepted.length === 2, 10_000, 'the cancellation and the pause confirmation');
    expect(catcher.accepted.map((m) => m.to).sort()).toEqual(['after@example.com', 'pause@example.com']);
  });

  it('sends nothing without an email claim, and retries a refused delivery under the same Message-ID', async () => {
    const { catcher, t } = await setUp(backend);
    catcher.reject = (index) => index === 0;
    await cancel(t, { sub: 'm_none' });
    await cancel(t, { sub: 'm_retry', email: 'retry@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the retried message');
    expect(catcher.rejected).toBe(1);
    const exported = (await t.admin('GET', '/v1/admin/subscribers/m_retry/export')).body.mail;
    expect(exported).toHaveLength(1);
    expect(catcher.accepted[0]?.messageId).toBe(`<${exported[0].id}@acme.example>`);
    expect((await t.admin('GET', '/v1/admin/subscribers/m_none/export')).body.mail).toEqual([]);
    // A claim that is no address neither refuses the session (the cancel above went through) nor mails.
    await cancel(t, { sub: 'm_bad', email: 'lena at example' });
    expect((await t.admin('GET', '/v1/admin/subscribers/m_bad/export')).body.mail).toEqual([]);
  });

  it('a "saved" email not sent yet is not sent once the subscriber cancelled in the same session', async () => {
    // A clock of the test's own, and retries far apart: the saved email waits for its retry until the
    // clock is moved, after the cancel.
    let at = Date.now();
    const { catcher, t } = await setUp(
      backend,
      undefined,
      { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      { now: () => new Date(at) },
    );
    catcher.reject = (index) => index === 0;
    const s = await openSession(t, { sub: 'm_undone', email: 'undone@example.com' });
    const call = (path: string, body: Record<string, unknown>) =>
      t.call('POST', `/v1/sessions/${s.sessionId}/${path}`, {
        sessionKey: s.sessionKey,
        reasonId: 'not_using',
        ...body,
      });
    expect((await call('accept', { offerId: 'pause', choice: { months: 2 } })).status).toBe(200);
    await until(() => catcher.rejected === 1, 10_000, "the saved email's first attempt");
    expect((await call('cancel', {})).status).toBe(200);
    await until(() => catcher.accepted.length === 1, 10_000, 'the cancellation');
    at += 86_400_000; // the saved email's retry is due
    const mail = async () =>
      ((await t.admin('GET', '/v1/admin/subscribers/m_undone/export')).body.mail as Record<string, unknown>[]).map(
        (m) => [m.kind, m.sent_at !== null, m.stop_reason],
      );
    await until(async () => (await mail()).some(([, , stop]) => stop !== null), 10_000, 'the saved email stopped');
    expect((await mail()).sort()).toEqual([
      ['cancellation', true, null],
      ['saved', false, 'cancelled_after'],
    ]);
    expect(catcher.accepted.map((m) => m.subject)).toEqual([expect.stringMatching(/cancel/i)]);
  });

  it.each([
    ['naming its subscription', 'm_later', { sid: 'sub_later' }],
    ["with no sid (the customer's only subscription)", 'm_later_no_sid', {}],
  ] as const)(
    'a "saved" email still waiting for its retry is not sent once the subscriber cancelled in a later session, %s',
    async (_, sub, subscription) => {
      // The mail server refuses the saved email for now (451), and its retry is at least 30 s off on a
      // clock of the test's own; a second later the subscriber comes back and cancels after all.
      let at = Date.now();
      const { catcher, t } = await setUp(
        backend,
        undefined,
        { baseDelayMs: 60_000, maxDelayMs: 60_000 },
        { now: () => new Date(at) },
      );
      catcher.reject = (index) => index === 0;
      const claims = { sub, ...subscription, email: 'later@example.com' };
      await savePause(t, claims);
      await until(() => catcher.rejected === 1, 10_000, "the saved email's first attempt");
      at += 1_000;
      await cancel(t, claims);
      await until(() => catcher.accepted.length === 1, 10_000, 'the cancellation');
      at += 86_400_000; // the saved email's retry is due
      const mail = async () =>
        ((await t.admin('GET', `/v1/admin/subscribers/${sub}/export`)).body.mail as Record<string, unknown>[]).map(
          (m) => [m.kind, m.sent_at !== null, m.stop_reason],
        );
      await until(async () => (await mail()).some(([, , stop]) => stop !== null), 10_000, 'the saved email stopped');
      expect((await mail()).sort()).toEqual([
        ['cancellation', true, null],
        ['saved', false, 'cancelled_after'],
      ]);
      expect(catcher.accepted.map((m) => m.subject)).toEqual(['Your cancellation is confirmed']);
    },
  );

  it("a later cancel of another subscription of the same customer does not stop this one's saved email", async () => {
    let at = Date.now();
    const { catcher, t } = await setUp(
      backend,
      undefined,
      { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      { now: () => new Date(at) },
    );
    catcher.reject = (index) => index === 0;
    await savePause(t, { sub: 'm_two', sid: 'sub_kept', email: 'two@example.com' });
    await until(() => catcher.rejected === 1, 10_000, "the saved email's first attempt");
    at += 1_000;
    await cancel(t, { sub: 'm_two', sid: 'sub_other', email: 'two@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the cancellation');
    at += 86_400_000; // the saved email's retry is due
    await until(() => catcher.accepted.length === 2, 10_000, 'the saved email on its retry');
    expect(catcher.accepted.map((m) => m.subject)).toEqual([
      'Your cancellation is confirmed',
      'Your change is confirmed',
    ]);
  });

  it('erasure deletes queued mail: an erased subscriber gets nothing more', async () => {
    // Retries far apart, so the erased message is waiting (not in the middle of a send) when erased.
    const { catcher, t } = await setUp(backend, undefined, { baseDelayMs: 60_000, maxDelayMs: 60_000 });
    catcher.reject = () => true;
    await cancel(t, { sub: 'm_erased', email: 'erased@example.com' });
    await until(() => catcher.rejected === 1, 10_000, 'the first attempt');
    const erased = await t.admin('DELETE', '/v1/admin/subscribers/m_erased');
    expect(erased.body.deleted.mail_outbox).toBe(1);
    catcher.reject = () => false;
    await cancel(t, { sub: 'm_after', email: 'after@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the later message');
    await t.server.close(); // the sender has stopped: nothing else can arrive
    expect(catcher.accepted.map((m) => m.to)).toEqual(['after@example.com']);
  });

  it("uses the site's templates: per locale first, then per kind, the built-in one for the rest", async () => {
    const { catcher, t } = await setUp(
      backend,
      undefined,
      {},
      {
        templates: {
          'cancellation.txt': 'Custom:{{#lines}} [{{.}}]{{/lines}}\nReceipt: {{receiptUrl}}\n',
          'cancellation.de.subject': 'Kündigung bestätigt ({{lang}})',
        },
      },
    );
    const receipt = await cancel(t, { sub: 'm_tpl', email: 'tpl@example.com' }, 'de');
    await cancel(t, { sub: 'm_tpl_en', email: 'tpl-en@example.com' }, 'en');
    await until(() => catcher.accepted.length === 2, 10_000, 'both confirmations');
    const de = catcher.accepted.find((m) => m.to === 'tpl@example.com');
    const en = catcher.accepted.find((m) => m.to === 'tpl-en@example.com');
    expect(de?.subject).toBe('Kündigung bestätigt (de)');
    expect(de?.text).toContain('Custom: [Tarif: pro] [Gekündigt am ');
    expect(de?.text).toContain(`Receipt: ${receipt.url}`);
    expect(de?.html).toContain('<html lang="de" dir="ltr">'); // no .html override: the built-in one
    expect(en?.subject).toBe('Your cancellation is confirmed');
    expect(en?.text).toMatch(/^Custom: \[Plan: pro\]/);
  });

  it("hands each message to the site's webhook (mail.send), signed, with its headers and Message-ID", async () => {
    const receiver = new Receiver();
    await receiver.up();
    cleanups.push(() => receiver.down());
    const { t } = await setUp(backend, { type: 'webhook' }, {}, { webhookUrl: receiver.url });
    await cancel(t, { sub: 'm_hook', email: 'hook@example.com' }, 'de');
    const handed = () => receiver.received.filter((d) => JSON.parse(d.body).type === 'mail.send');
    await until(() => handed().length === 1, 10_000, 'the mail.send webhook');
    const [delivery] = handed();
    if (!delivery) throw new Error('unreachable');
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature(WEBHOOK_SECRET, delivery.body, String(delivery.headers['cancelflow-signature']), now)).toBe(
      true,
    );
    const { data } = JSON.parse(delivery.body);
    const [row] = (await t.admin('GET', '/v1/admin/subscribers/m_hook/export')).body.mail;
    expect(data).toMatchObject({
      messageId: row.id,
      kind: 'cancellation',
      locale: 'de',
      to: 'hook@example.com',
      subject: 'Ihre Kündigung ist bestätigt',
    });
    expect(data.text).toContain('Gekündigt am');
    expect(data.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(data.headers['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/v1\/mail\/unsubscribe\?t=[\w.-]+>$/);
    expect(row.sent_at).not.toBeNull();
  });

  it('an outbox site keeps its messages, shown by GET /v1/admin/mail as they read', async () => {
    const { catcher, t } = await setUp(backend, { type: 'outbox' });
    const receipt = await cancel(t, { sub: 'm_outbox', email: 'outbox@example.com' }, 'de');
    const list = async () => (await t.admin('GET', '/v1/admin/mail?sub=m_outbox')).body.mail;
    await until(async () => (await list())[0]?.sentAt != null, 10_000, 'the message kept');
    const [mail] = await list();
    expect(mail).toMatchObject({
      kind: 'cancellation',
      to: 'outbox@example.com',
      subject: 'Ihre Kündigung ist bestätigt',
    });
    expect(mail.text).toContain(receipt.url);
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect((await t.call('GET', '/v1/admin/mail?sub=m_outbox')).status).toBe(401);
    await t.server.close();
    expect(catcher.accepted).toEqual([]);
  });
});
