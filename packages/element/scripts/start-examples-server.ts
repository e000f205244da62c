import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTROL_UI_CSP, startMockServer, type MockServer } from '@session-heartbeat/mock-server';

/** The built example pages (`pnpm --filter @session-heartbeat/element build`). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../dist/examples/', import.meta.url));

/** The OpenClaw Control UI's policy, which the example pages are served under. */
export const HOST_CSP = CONTROL_UI_CSP;

export interface ExamplesServerOptions {
  /** `quiet` (no sessions: tests make them), `demo`, or `openclaw` (the gateway socket at `/`). @default 'quiet' */
  scenario?: 'quiet' | 'demo' | 'openclaw';
  /** @default 0 (a free port) */
  port?: number;
}

/**
 * The real mock server (control API on) serving the example pages under the
 * host's CSP, so pages and API share one origin, as in the Control UI.
 */
export async function startExamplesServer({
  scenario = 'quiet',
  port = 0,
}: ExamplesServerOptions = {}): Promise<MockServer> {
  if (!existsSync(`${EXAMPLES_DIR}plain.html`)) {
    throw new Error(
      `${EXAMPLES_DIR} is not built: run pnpm --filter @session-heartbeat/element build`,
    );
  }
  return startMockServer({
    scenario,
    port,
    control: true,
    staticDir: EXAMPLES_DIR,
    staticHeaders: { 'Content-Security-Policy': HOST_CSP },
  });
}
