import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every process the bench starts, so that none outlives it: each runs in its
 * own process group (a child that forks, like the hub bench, goes with it)
 * and is killed by its PID on every way out (normal end, error, Ctrl-C).
 */
const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM to the child's group, SIGKILL if it is still there after `graceMs`. */
export async function stopTracked(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

/** For exit paths that cannot wait. */
export function killAllTrackedNow(): void {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
}

let installed = false;

/** Kills what is left when the process exits or is interrupted. */
export function installExitCleanup(): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAllTrackedNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllTrackedNow();
      process.exit(130);
    });
  }
}
