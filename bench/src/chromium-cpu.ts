import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc times (`getconf CLK_TCK`; 100 on every common kernel). */
const TICKS_PER_SECOND = 100;

interface ProcessTimes {
  parent: number;
  /** utime + stime, in ms. */
  cpuMs: number;
}

function readProcess(pid: number): ProcessTimes | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { parent, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // it exited meanwhile
  }
}

function isChromium(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
  } catch {
    return false;
  }
}

/**
 * CPU time (user + system, ms) of every Chromium process this bench
 * started (the browser, its renderers, GPU, network and utility processes),
 * by pid: what a tab costs the machine, not only its main thread.
 */
export function chromiumCpuMs(): Map<number, number> {
  const all = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const times = readProcess(pid);
    if (times !== undefined) all.set(pid, times);
  }
  const descends = (pid: number): boolean => {
    for (let at = all.get(pid)?.parent; at !== undefined && at > 1; at = all.get(at)?.parent) {
      if (at === process.pid) return true;
    }
    return false;
  };
  const cpu = new Map<number, number>();
  for (const [pid, times] of all) {
    if (descends(pid) && isChromium(pid)) cpu.set(pid, times.cpuMs);
  }
  return cpu;
}

/** CPU ms spent between two readings (a process that started in between counts whole). */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
