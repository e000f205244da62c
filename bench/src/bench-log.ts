const startedAtMs = Date.now();

/** A line on stderr with the seconds since the bench started. */
export function log(line: string): void {
  const seconds = ((Date.now() - startedAtMs) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`bench: ${seconds} s  ${line}\n`);
}

/** What an error says, for the run's list of problems. */
export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
