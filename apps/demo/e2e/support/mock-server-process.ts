import { fileURLToPath } from 'node:url';
import {
  startMockServerProcess as startProcess,
  type MockServerProcess,
  type MockServerProcessOptions,
} from '@session-heartbeat/mock-server';

export type { MockServerProcess };

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** What `pnpm test:e2e` builds before the run. */
export const DASHBOARD_DIST = `${repoRoot}apps/demo/dist`;

/**
 * The real `mock-server` CLI in a child process, as the dashboard's tests
 * want it: `--control`, the built dashboard, and no sessions (`quiet`: each
 * test makes its own through the control API) unless told otherwise.
 */
export function startMockServerProcess(
  options: MockServerProcessOptions = {},
): Promise<MockServerProcess> {
  return startProcess({ scenario: 'quiet', control: true, staticDir: DASHBOARD_DIST, ...options });
}
