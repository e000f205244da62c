import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `mock-server` CLI, for running it in a child process (`node MOCK_SERVER_BIN …`). */
export const MOCK_SERVER_BIN = fileURLToPath(new URL('../../bin/mock-server.js', import.meta.url));

/**
 * Resolves with the URL a `mock-server` child prints once it listens
 * (`listening on http://HOST:PORT`); rejects, with what it printed, if it
 * exits first or has not listened within `timeoutMs`. It does not stop the
 * child: that is the caller's.
 */
export function readListeningUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`mock-server did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`mock-server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}
