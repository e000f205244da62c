import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  chromium: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'));
    const model = line?.split(':')[1]?.trim();
    if (model !== undefined && model !== '') return model;
  } catch {
    // Not Linux: fall back to what Node says.
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(chromiumVersion: string): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    node: process.version,
    chromium: chromiumVersion,
  };
}

export interface LoadAverage {
  /** 1-minute load average when the run started. */
  atStart: number;
  /** The highest 1-minute load average seen during the run (sampled every 5 s). */
  max: number;
  /** The mean of those samples. */
  mean: number;
  atEnd: number;
}

/** Samples the 1-minute load average while the bench runs: the figures are only as quiet as the machine. */
export function sampleLoadAverage(): { stop(): LoadAverage } {
  const atStart = loadavg()[0] ?? Number.NaN;
  const samples = [atStart];
  const timer = setInterval(() => samples.push(loadavg()[0] ?? Number.NaN), 5000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const atEnd = loadavg()[0] ?? Number.NaN;
      samples.push(atEnd);
      return {
        atStart,
        max: Math.max(...samples),
        mean: samples.reduce((sum, value) => sum + value, 0) / samples.length,
        atEnd,
      };
    },
  };
}
