/** Where the fleet's pieces report what happened (the adapter's logger fits). */
export interface FleetLogger {
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string, error?: unknown): void;
}

/** The message of anything thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
