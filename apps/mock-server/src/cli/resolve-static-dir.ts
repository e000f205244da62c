import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

export type StaticDirResult = { ok: true; dir: string } | { ok: false; message: string };

/**
 * `--static DIR` as an absolute directory that exists, or the one line
 * that says why not.
 *
 * A relative DIR means the directory the person typed the command in: under
 * pnpm that is `INIT_CWD` (pnpm runs the package's script from the
 * package's own folder, so `process.cwd()` would be `apps/mock-server` and
 * every file a silent 404), otherwise the process's own directory.
 */
export async function resolveStaticDir(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): Promise<StaticDirResult> {
  const startedIn = env.INIT_CWD !== undefined && env.INIT_CWD !== '' ? env.INIT_CWD : cwd;
  const absolute = resolve(startedIn, dir);
  try {
    if ((await stat(absolute)).isDirectory()) return { ok: true, dir: absolute };
    return { ok: false, message: `--static: ${absolute} is not a directory` };
  } catch {
    return { ok: false, message: `--static: no directory at ${absolute}` };
  }
}
