import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';

/**
 * Sends one built file (the widget's, the dashboard's) in the encoding the browser takes best —
 * brotli, else gzip, else as it is — with an ETag, so that a revalidation (`no-cache`, or the loader's
 * five minutes running out) is a 304 without a body. Each version of a file is compressed once, on the
 * thread pool, and kept: brotli at its best level costs about 80 ms for the widget's UI chunk and a
 * second for the flow editor, and saves 9 % over gzip on the widget's click path (docs/benchmarks.md).
 * A rebuilt file (another size or modification time) is read and compressed again.
 */
export async function sendBuiltFile(
  c: Context,
  path: string,
  headers: Record<string, string>,
): Promise<Response | undefined> {
  const file = await builtFile(path);
  if (!file) return undefined;
  const common = { ...headers, etag: file.etag, vary: 'accept-encoding' };
  if (matches(c.req.header('if-none-match'), file.etag)) return c.body(null, 304, common);
  const encoding = accepts(c, {
    header: 'Accept-Encoding',
    supports: ENCODINGS,
    default: 'identity',
    match: bestEncoding,
  });
  const encoded = encoding === 'identity' ? undefined : await file.encoded(encoding as Encoding).catch(() => undefined);
  if (!encoded) return c.body(new Uint8Array(file.body), 200, common);
  return c.body(new Uint8Array(encoded), 200, { ...common, 'content-encoding': encoding });
}

type Encoding = 'br' | 'gzip';
const ENCODINGS: Encoding[] = ['br', 'gzip'];

const compress: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/** The accepted encoding with the highest q (`*` stands for any not named); on a tie, brotli. */
function bestEncoding(accepted: { type: string; q: number }[]): string {
  const q = (name: string) =>
    accepted.find((each) => each.type.toLowerCase() === name)?.q ?? accepted.find((each) => each.type === '*')?.q ?? 0;
  const best = ENCODINGS.reduce<Encoding | undefined>(
    (top, name) => (q(name) > (top ? q(top) : 0) ? name : top),
    undefined,
  );
  return best ?? 'identity';
}

/** If-None-Match by weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`, `*` matches any. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const tag = etag.replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((each) => each.trim().replace(/^W\//, '') === tag);
}

interface BuiltFile {
  readonly version: string;
  readonly body: Buffer;
  /** Weak: one tag for every encoding of the same bytes. */
  readonly etag: string;
  encoded(encoding: Encoding): Promise<Buffer>;
}

// One entry per file path the routes let through (the build's own files), so this stays small.
const files = new Map<string, Promise<BuiltFile | undefined>>();

async function builtFile(path: string): Promise<BuiltFile | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const version = `${info.size}:${info.mtimeMs}`;
  const known = await files.get(path);
  if (known?.version === version) return known;
  const loading = readFile(path).then(
    (body) => describe(version, body),
    () => undefined,
  );
  files.set(path, loading);
  const loaded = await loading;
  if (!loaded) files.delete(path);
  return loaded;
}

function describe(version: string, body: Buffer): BuiltFile {
  const encoded = new Map<Encoding, Promise<Buffer>>();
  return {
    version,
    body,
    etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    encoded(encoding) {
      let result = encoded.get(encoding);
      if (!result) {
        result = compress[encoding](body);
        // A failure is not kept: the next request tries again (this one is sent as it is).
        result.catch(() => encoded.delete(encoding));
        encoded.set(encoding, result);
      }
      return result;
    },
  };
}
