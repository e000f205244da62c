/**
 * The OpenClaw Control UI's Content-Security-Policy (see
 * shared/context/openclaw-host.md), which pages embedding our code are served
 * under in tests: scripts and workers only from the page's own origin (no
 * inline script, no `blob:`), sockets to any host.
 */
export const CONTROL_UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'";
