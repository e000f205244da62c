import { MOCK_SERVER_BIN, readListeningUrl } from '@session-heartbeat/mock-server';
import { spawnTracked, stopTracked } from './tracked-children';

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
  try {
    const url = await readListeningUrl(child, 30_000);
    return { url, pid: child.pid, stop: () => stopTracked(child) };
  } catch (error) {
    await stopTracked(child);
    throw error;
  }
}
