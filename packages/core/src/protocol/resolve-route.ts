/**
 * The URL of a contract route (`Routes.batch`, …) on a server at `baseUrl`.
 * A path in the base URL is kept as the API's prefix, with or without a
 * trailing slash: `https://gw.example/heartbeat/` and
 * `https://gw.example/heartbeat` both give
 * `https://gw.example/heartbeat/api/sessions/heartbeat`. Its query and
 * fragment are dropped.
 */
export function resolveRoute(baseUrl: string | URL, route: string): URL {
  const base = new URL(baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(route.replace(/^\/+/, ''), base);
}
