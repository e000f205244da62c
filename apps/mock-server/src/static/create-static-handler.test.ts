import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../start-mock-server';

let server: MockServer;
let root: string;

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'mock-static-'));
  root = join(base, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  mkdirSync(join(base, 'private'));
  writeFileSync(join(base, 'private', 'key.txt'), 'do not serve either');
  // Links inside the root that lead out of it, to a file and to a directory.
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'));
  symlinkSync(join(base, 'private'), join(root, 'private'));
  // A link that stays inside is fine.
  symlinkSync(join(root, 'assets', 'app.css'), join(root, 'assets', 'same.css'));
  server = await startMockServer({ scenario: 'quiet', staticDir: root });
});

afterAll(async () => {
  await server.close();
  rmSync(join(root, '..'), { recursive: true, force: true });
});

function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('--static DIR', () => {
  it('serves files with their content types', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>demo</title>');
    const script = await fetch(`${server.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await fetch(`${server.url}/assets/app.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for client-side routes, but not for missing assets', async () => {
    const route = await fetch(`${server.url}/sessions/agent:main:main`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>demo</title>');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await rawGet(path);
      expect(response.body).not.toContain('do not serve');
    }
  });

  it('leaves /api to the heartbeat routes', async () => {
    const api = await fetch(`${server.url}/api/sessions/heartbeat`);
    expect(await api.json()).toMatchObject({ heartbeats: [] });
  });
});

describe('staticHeaders', () => {
  it('adds the given headers to every file served, and nothing to /api', async () => {
    const csp = "default-src 'self'; script-src 'self'";
    const withHeaders = await startMockServer({
      scenario: 'quiet',
      staticDir: root,
      staticHeaders: { 'Content-Security-Policy': csp },
    });
    try {
      const page = await fetch(`${withHeaders.url}/`);
      expect(page.headers.get('content-security-policy')).toBe(csp);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const script = await fetch(`${withHeaders.url}/assets/app.js`);
      expect(script.headers.get('content-security-policy')).toBe(csp);
      const api = await fetch(`${withHeaders.url}/api/sessions/heartbeat`);
      expect(api.headers.get('content-security-policy')).toBeNull();
      expect((await fetch(`${server.url}/`)).headers.get('content-security-policy')).toBeNull();
    } finally {
      await withHeaders.close();
    }
  });

  it('does not follow a symbolic link out of the directory', async () => {
    for (const path of ['/assets/leak.txt', '/private/key.txt']) {
      const answer = await rawGet(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('do not serve');
    }
    // A path without an extension is a client-side route: the app's page, not the link's.
    expect((await rawGet('/private/')).body).toContain('<title>demo</title>');
    expect((await rawGet('/assets/same.css')).body).toBe('body{}');
  });
});
