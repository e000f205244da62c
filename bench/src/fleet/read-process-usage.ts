import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

/** A process's CPU time so far (user + system), in ms, from /proc; undefined once it is gone. */
export function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return ((user + system) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** A process's resident memory now, in bytes; undefined once it is gone. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** Watches a process over a window: its CPU share (of one core) and its peak RSS. */
export interface UsageWindow {
  /** Samples RSS now (call it every few hundred ms). */
  sample(): void;
  /** CPU used since the window opened, as a share of one core (1 = one full core), and the peak RSS. */
  close(): { cpu: number; peakRssBytes: number };
}

export function openUsageWindow(pid: number): UsageWindow {
  const startedAt = performance.now();
  const cpuAtStart = readCpuMs(pid) ?? 0;
  let peakRssBytes = readRssBytes(pid) ?? 0;
  return {
    sample() {
      peakRssBytes = Math.max(peakRssBytes, readRssBytes(pid) ?? 0);
    },
    close() {
      const elapsedMs = performance.now() - startedAt;
      const cpuMs = (readCpuMs(pid) ?? cpuAtStart) - cpuAtStart;
      return { cpu: elapsedMs > 0 ? cpuMs / elapsedMs : 0, peakRssBytes };
    },
  };
}
