import { readFile, stat } from 'node:fs/promises';
import { tokenProblem } from '@session-heartbeat/emitter/node';

export type TokenFileResult =
  { ok: true; token: string; warnings: string[] } | { ok: false; message: string };

/**
 * The token in `path` (`--token-file`), without its trailing line break;
 * a warning when other users may read the file too.
 */
export async function readTokenFile(path: string): Promise<TokenFileResult> {
  let text: string;
  let mode: number;
  try {
    [text, { mode }] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `--token-file: cannot read ${path}: ${reason}` };
  }
  const token = text.replace(/\r?\n$/, '');
  const problem = tokenProblem(token);
  if (problem !== undefined) return { ok: false, message: `--token-file ${path}: ${problem}` };
  const warnings =
    (mode & 0o077) === 0 ? [] : [`warning: ${path} can be read by other users; chmod 600 ${path}`];
  return { ok: true, token, warnings };
}
