import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pathOf } from '@session-heartbeat/emitter/node';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * The file to serve for `path` (a directory's `index.html`), by its real
 * path, or undefined when missing or when a symbolic link leads out of
 * `realRoot`.
 */
async function fileAt(path: string, realRoot: string): Promise<string | undefined> {
  try {
    const real = await realpath(path);
    if (!isInside(realRoot, real)) return undefined;
    const info = await stat(real);
    if (info.isFile()) return real;
    if (info.isDirectory()) return fileAt(resolve(real, 'index.html'), realRoot);
  } catch {
    // Missing: the caller falls back.
  }
  return undefined;
}

function sendPlain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export interface StaticHandlerOptions {
  /**
   * Extra headers on every file served, e.g. a `Content-Security-Policy` to
   * try pages under a host's policy.
   * @default {}
   */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Serves a built single-page app from `rootDir`: files with their content
 * type, `index.html` for unknown paths without an extension (client-side
 * routes), 404 for other misses. Paths are confined to `rootDir`, symbolic
 * links included: a link that leads out of it is a miss.
 */
export function createStaticHandler(
  rootDir: string,
  { headers = {} }: StaticHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const root = resolve(rootDir);
  // Resolved once: the root itself may be a link (e.g. a deploy's `current`).
  let realRoot: Promise<string> | undefined;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let path: string;
    try {
      path = decodeURIComponent(pathOf(req.url));
    } catch {
      return sendPlain(res, 400, 'bad path');
    }
    const target = resolve(root, `.${path}`);
    if (path.includes('\0') || !isInside(root, target)) {
      return sendPlain(res, 404, 'not found');
    }
    realRoot ??= realpath(root).catch(() => root);
    const inside = await realRoot;
    const file =
      (await fileAt(target, inside)) ??
      (extname(path) === '' ? await fileAt(resolve(root, 'index.html'), inside) : undefined);
    if (!file) return sendPlain(res, 404, 'not found');
    const isHtml = extname(file) === '.html';
    res.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      // The page must pick up a new build; hashed assets may be cached.
      'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    serve(req, res).catch(() => {
      if (!res.headersSent) sendPlain(res, 500, 'could not read the file');
      else res.destroy();
    });
    return true;
  };
}
