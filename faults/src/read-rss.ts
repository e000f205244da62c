import { readFileSync } from 'node:fs';

/** The resident set size of process `pid` in bytes (Linux `/proc`), or undefined once it is gone. */
export function readRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; keeps the peak and the last reading. */
export interface RssSampler {
  readonly peakBytes: number;
  readonly lastBytes: number | undefined;
  /** Follows another process from now on (a server restarted under a new pid). */
  follow(pid: number): void;
  stop(): void;
}

export function sampleRss(pid: number, everyMs = 200): RssSampler {
  let current = pid;
  let peakBytes = 0;
  let lastBytes: number | undefined;
  const take = (): void => {
    lastBytes = readRss(current);
    if (lastBytes !== undefined) peakBytes = Math.max(peakBytes, lastBytes);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    get peakBytes() {
      return peakBytes;
    },
    get lastBytes() {
      return lastBytes;
    },
    follow(next) {
      current = next;
      take();
    },
    stop() {
      take();
      clearInterval(timer);
    },
  };
}
