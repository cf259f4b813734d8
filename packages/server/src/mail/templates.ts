import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';

/**
 * Templates are Mustache: `{{name}}` inserts a value (HTML-escaped in `.html` templates, as is in
 * `.txt` and `.subject`), `{{#name}}…{{/name}}` shows a part only when the value is there, or repeats
 * it for each item of a list (`{{.}}` is the item). These are the names a template may use.
 */
export const VIEW_NAMES = [
  'lang',
  'dir',
  'subject',
  'intro',
  'lines',
  'company',
  'receiptUrl',
  'receiptLabel',
  'undoNote',
  'undoUrl',
  'undoLabel',
  'reactivateUrl',
  'reactivateLabel',
  'unsubscribeNote',
  'unsubscribeUrl',
  'unsubscribeLabel',
] as const;

export type MailView = Partial<Record<(typeof VIEW_NAMES)[number], string | readonly string[]>>;

export type TemplatePart = 'subject' | 'txt' | 'html';

/** A site's overrides: file name (`cancellation.de.html`, `saved.txt`, …) → template. */
export type MailTemplates = Readonly<Record<string, string>>;

const FILE = /^(cancellation|saved|winback)(\.[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?\.(subject|txt|html)$/;

export const DEFAULT_TEMPLATES: Record<TemplatePart, string> = {
  subject: '{{subject}}',
  txt: `{{intro}}

{{#lines}}
- {{.}}
{{/lines}}
{{#receiptUrl}}

{{receiptLabel}}: {{receiptUrl}}
{{/receiptUrl}}
{{#undoUrl}}

{{undoNote}}
{{undoLabel}}: {{undoUrl}}
{{/undoUrl}}
{{#reactivateUrl}}

{{reactivateLabel}}: {{reactivateUrl}}
{{/reactivateUrl}}

--
{{unsubscribeNote}}
{{unsubscribeLabel}}: {{unsubscribeUrl}}
`,
  html: `<!doctype html>
<html lang="{{lang}}" dir="{{dir}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{subject}}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f7;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
<h1 style="font-size:20px;margin:0 0 12px">{{subject}}</h1>
<p>{{intro}}</p>
<ul style="padding:0;list-style:none">
{{#lines}}
<li style="margin:4px 0">{{.}}</li>
{{/lines}}
</ul>
{{#receiptUrl}}
<p><a href="{{receiptUrl}}">{{receiptLabel}}</a></p>
{{/receiptUrl}}
{{#undoUrl}}
<p>{{undoNote}}</p>
<p><a href="{{undoUrl}}" style="display:inline-block;padding:10px 16px;border-radius:8px;background:#3451b2;color:#fff;text-decoration:none">{{undoLabel}}</a></p>
{{/undoUrl}}
{{#reactivateUrl}}
<p><a href="{{reactivateUrl}}" style="display:inline-block;padding:10px 16px;border-radius:8px;background:#3451b2;color:#fff;text-decoration:none">{{reactivateLabel}}</a></p>
{{/reactivateUrl}}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:13px;color:#555">{{unsubscribeNote}} <a href="{{unsubscribeUrl}}" style="color:#555">{{unsubscribeLabel}}</a></p>
</body>
</html>
`,
};

/**
 * The locale (`locale` itself, else its language) the site has its own `part` of `kind` in, if any:
 * that part is then in the subscriber's language, whatever the built-in strings cover.
 */
export function siteTemplateLocale(
  templates: MailTemplates | undefined,
  kind: string,
  locale: string,
  part: TemplatePart,
): string | undefined {
  const language = locale.split('-')[0] ?? locale;
  return [locale, language].find((tag) => templates?.[`${kind}.${tag}.${part}`] !== undefined);
}

/** The template for one part: the site's for the locale, else the site's for the kind, else the default. */
export function pickTemplate(
  templates: MailTemplates | undefined,
  kind: string,
  locale: string,
  part: TemplatePart,
): string {
  const tag = siteTemplateLocale(templates, kind, locale, part);
  return (
    (tag === undefined ? undefined : templates?.[`${kind}.${tag}.${part}`]) ??
    templates?.[`${kind}.${part}`] ??
    DEFAULT_TEMPLATES[part]
  );
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Mustache, escaping for HTML only (the five characters that matter, so links stay readable). */
export function renderTemplate(template: string, view: MailView, part: TemplatePart): string {
  const escapeValue =
    part === 'html'
      ? (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
      : (value: string) => value;
  return Mustache.render(template, view, {}, { escape: escapeValue });
}

/**
 * Reads a site's template folder at start-up, so a misnamed file or an unknown `{{name}}` stops the
 * server with a message naming it rather than surfacing in a subscriber's inbox.
 */
export function loadTemplates(folder: string, fail: (message: string) => never): MailTemplates {
  const templates: Record<string, string> = {};
  for (const name of readdirSync(folder)) {
    if (name.startsWith('.')) continue;
    if (!FILE.test(name)) {
      fail(
        `has ${name}: expected <cancellation|saved|winback>[.<locale>].<subject|txt|html>, e.g. cancellation.de.html`,
      );
    }
    const source = readFileSync(join(folder, name), 'utf8');
    let names: string[];
    try {
      names = tokenNames(Mustache.parse(source));
    } catch (error) {
      return fail(`has ${name}, which is not a valid template: ${(error as Error).message}`);
    }
    const unknown = names.filter((n) => n !== '.' && !(VIEW_NAMES as readonly string[]).includes(n));
    if (unknown.length > 0) fail(`has ${name}, which uses {{${unknown[0]}}}; known names: ${VIEW_NAMES.join(', ')}`);
    templates[name] = source;
  }
  return templates;
}

type Token = [string, string, number, number, Token[]?, ...unknown[]];

function tokenNames(tokens: readonly unknown[]): string[] {
  return (tokens as Token[]).flatMap(([type, value, , , children]) => [
    ...(['name', '&', '#', '^'].includes(type) ? [value] : []),
    ...(Array.isArray(children) ? tokenNames(children) : []),
  ]);
}
