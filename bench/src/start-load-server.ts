import { fileURLToPath } from 'node:url';
import { spawnTracked, stopTracked } from './tracked-children';

const MOCK_SERVER_BIN = fileURLToPath(
  new URL('../../apps/mock-server/bin/mock-server.js', import.meta.url),
);

export interface LoadServerOptions {
  sessions: number;
  /** `--rate`: transitions per second in total. */
  rate: number;
  intervalMs: number;
  /** Served at `/` (the bench pages). */
  staticDir: string;
}

export interface LoadServer {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * `mock-server --scenario load` in its own process (so its CPU is not the
 * page's, nor the driver's), on a free port; resolves once it listens.
 */
export async function startLoadServer(options: LoadServerOptions): Promise<LoadServer> {
  const args = [
    MOCK_SERVER_BIN,
    '--scenario',
    'load',
    '--sessions',
    String(options.sessions),
    '--rate',
    String(options.rate),
    '--interval',
    String(options.intervalMs),
    '--port',
    '0',
    '--static',
    options.staticDir,
  ];
  const child = spawnTracked(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`mock-server did not start in 30 s:\n${output}`)),
        30_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`mock-server exited with ${String(code)} before listening:\n${output}`));
      });
    });
    return { url, pid: child.pid, stop: () => stopTracked(child) };
  } catch (error) {
    await stopTracked(child);
    throw error;
  }
}
