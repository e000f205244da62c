import type { TransportMode } from '@session-heartbeat/client';
import type { StatusDotSize } from '@session-heartbeat/ui';

/** The colour scheme: `auto` follows `prefers-color-scheme`. */
export type ElementTheme = 'light' | 'dark' | 'auto';

/** Says what was wrong with an attribute; the element prints it once with `console.warn`. */
export type WarnAttribute = (message: string) => void;

const TRANSPORTS: readonly TransportMode[] = ['auto', 'websocket', 'polling'];
const THEMES: readonly ElementTheme[] = ['light', 'dark', 'auto'];
const DOT_SIZES: readonly StatusDotSize[] = ['sm', 'md', 'lg'];

function oneOf<T extends string>(
  name: string,
  value: string | null,
  allowed: readonly T[],
  fallback: T,
  warn: WarnAttribute,
): T {
  if (value === null) return fallback;
  const normalized = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(normalized)) return normalized as T;
  warn(
    `${name}=${JSON.stringify(value)} is not one of ${allowed.join(', ')}: using ${JSON.stringify(fallback)}.`,
  );
  return fallback;
}

/** `transport`: `auto`, `websocket` or `polling`; anything else warns and is `auto`. */
export function parseTransport(value: string | null, warn: WarnAttribute): TransportMode {
  return oneOf('transport', value, TRANSPORTS, 'auto', warn);
}

/** `theme`: `light`, `dark` or `auto`; anything else warns and is `auto`. */
export function parseTheme(value: string | null, warn: WarnAttribute): ElementTheme {
  return oneOf('theme', value, THEMES, 'auto', warn);
}

/** `size` of the dot: `sm`, `md` or `lg`; anything else warns and is `md`. */
export function parseDotSize(value: string | null, warn: WarnAttribute): StatusDotSize {
  return oneOf('size', value, DOT_SIZES, 'md', warn);
}

/**
 * A duration attribute (`stall-after-ms`, `unresponsive-after-ms`): a finite
 * number of milliseconds ≥ 0, e.g. `"45000"` or `"4.5e4"`. Absent or empty is
 * `undefined` (the default applies); anything else warns and is `undefined`
 * too — a typo in markup never throws and never means "stall at once".
 */
export function parseDurationMs(
  name: string,
  value: string | null,
  warn: WarnAttribute,
): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const ms = Number(value.trim());
  if (Number.isFinite(ms) && ms >= 0) return ms;
  warn(`${name}=${JSON.stringify(value)} is not a number of milliseconds ≥ 0: using the default.`);
  return undefined;
}

/**
 * `server-url`, resolved against the page (`"/"` is the page's own origin),
 * as an `http:` or `https:` URL without credentials. Anything else warns and
 * is `undefined` (no connection). A token never goes in a URL: use the
 * `token` property.
 */
export function parseServerUrl(
  value: string | null,
  baseUrl: string,
  warn: WarnAttribute,
): string | undefined {
  if (value === null || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim(), baseUrl);
  } catch {
    warn(`server-url=${JSON.stringify(value)} is not a URL: not connecting.`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    warn(`server-url must be an http: or https: URL, got ${JSON.stringify(url.protocol)}.`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    warn('server-url must not carry credentials: set the `token` property instead.');
    return undefined;
  }
  return url.href;
}
