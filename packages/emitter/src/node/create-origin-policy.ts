/**
 * The default Origin allow-list: the server's own origin (`'self'`: the
 * Origin's host equals the request's Host) and loopback origins on any port.
 */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = [
  'self',
  'http://127.0.0.1:*',
  'https://127.0.0.1:*',
  'http://localhost:*',
  'https://localhost:*',
  'http://[::1]:*',
  'https://[::1]:*',
];

type OriginRule =
  | { kind: 'any' }
  | { kind: 'self' }
  | { kind: 'exact'; origin: string }
  | { kind: 'any-port'; protocol: string; hostname: string };

function parseRule(pattern: string): OriginRule {
  if (pattern === '*') return { kind: 'any' };
  if (pattern === 'self') return { kind: 'self' };
  const anyPort = pattern.endsWith(':*');
  let url: URL;
  try {
    url = new URL(anyPort ? pattern.slice(0, -2) : pattern);
  } catch {
    throw new TypeError(
      `allowed origin ${JSON.stringify(pattern)} is not an origin (e.g. "https://example.com", "http://localhost:*", "self" or "*")`,
    );
  }
  return anyPort
    ? { kind: 'any-port', protocol: url.protocol, hostname: url.hostname }
    : { kind: 'exact', origin: url.origin };
}

/**
 * Compiles an allow-list into a check of a request's `Origin` against its
 * `Host`. A request without an Origin (not from a browser) is allowed: the
 * list exists to stop other web pages, and the token stops everyone else.
 */
export function createOriginPolicy(
  allowed: readonly string[] = DEFAULT_ALLOWED_ORIGINS,
): (origin: string | undefined, host: string | undefined) => boolean {
  const rules = allowed.map(parseRule);
  return (origin, host) => {
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      // `Origin: null` (sandboxed frames, file://) is only let in by '*'.
      return rules.some((rule) => rule.kind === 'any');
    }
    return rules.some((rule) => {
      switch (rule.kind) {
        case 'any':
          return true;
        case 'self':
          return (
            (url.protocol === 'http:' || url.protocol === 'https:') &&
            host !== undefined &&
            url.host === host.toLowerCase()
          );
        case 'exact':
          return url.origin === rule.origin;
        case 'any-port':
          return url.protocol === rule.protocol && url.hostname === rule.hostname;
        default:
          return rule satisfies never;
      }
    });
  };
}
