import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileAt(resolve(path, 'index.html'));
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
 * routes), 404 for other misses. Paths are confined to `rootDir`.
 */
export function createStaticHandler(
  rootDir: string,
  { headers = {} }: StaticHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const root = resolve(rootDir);

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let path: string;
    try {
      path = decodeURIComponent(pathOf(req.url));
    } catch {
      return sendPlain(res, 400, 'bad path');
    }
    const target = resolve(root, `.${path}`);
    if (path.includes('\0') || (target !== root && !target.startsWith(root + sep))) {
      return sendPlain(res, 404, 'not found');
    }
    const file =
      (await fileAt(target)) ??
      (extname(path) === '' ? await fileAt(resolve(root, 'index.html')) : undefined);
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
