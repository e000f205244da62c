/**
 * Which `Host` a server answers for. A page on `rebind.attacker.example`
 * whose name was made to resolve to 127.0.0.1 sends that name as its Host:
 * answering only for loopback names and the names it was told stops DNS
 * rebinding, whatever the Origin says.
 */
export interface HostPolicy {
  /** `localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`, or a name of `allowedHosts` (any port). */
  isAllowed(hostHeader: string | undefined): boolean;
  /** Only the loopback names: the Host a process on this machine uses. */
  isLoopback(hostHeader: string | undefined): boolean;
}

const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** The host name of a `Host` header, lowercased, without port or trailing dot; undefined if malformed. */
export function hostNameOf(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader.length === 0 || hostHeader.length > 300)
    return undefined;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return undefined;
  }
  // Anything but a bare authority (credentials, a path, a query) is not a Host.
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    return undefined;
  }
  return url.hostname.replace(/\.$/, '');
}

function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    IPV4_LOOPBACK.test(name)
  );
}

/**
 * A host name as an option gives it (`dash.example`, `dash.example:443`,
 * `[fd00::1]`), normalised like a `Host` header; a precise TypeError if it
 * is not one.
 */
function normaliseAllowedHost(name: string): string {
  const normalised = hostNameOf(name);
  if (normalised === undefined || name.includes('*')) {
    throw new TypeError(
      `allowed host ${JSON.stringify(name)} is not a host name (e.g. "gateway.example", "192.168.1.20", "[fd00::1]")`,
    );
  }
  return normalised;
}

export function createHostPolicy(allowedHosts: readonly string[] = []): HostPolicy {
  const allowed = new Set(allowedHosts.map(normaliseAllowedHost));
  return {
    isAllowed(hostHeader) {
      const name = hostNameOf(hostHeader);
      return name !== undefined && (isLoopbackName(name) || allowed.has(name));
    },
    isLoopback(hostHeader) {
      const name = hostNameOf(hostHeader);
      return name !== undefined && isLoopbackName(name);
    },
  };
}

/** The answer to a request whose Host is not allowed: `421` with this error body. */
export const MISDIRECTED_REQUEST = {
  code: 'misdirected_request',
  message:
    'this server does not answer for that Host (allow a name with --allow-host / allowedHosts)',
} as const;
