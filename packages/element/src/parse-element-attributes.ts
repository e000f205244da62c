import type { TransportMode } from '@session-heartbeat/client';
import type { StatusDotSize } from '@session-heartbeat/ui';

/**
 * The look: `light`, `dark`, `auto` (follows `prefers-color-scheme`), or
 * `inherit` (the host page's font, text colour and colour scheme, and the
 * host's tokens mapped onto `--shb-*`).
 */
export type ElementTheme = 'light' | 'dark' | 'auto' | 'inherit';

/**
 * The dot's size: `text` (1em: as big as the text around it, like an icon),
 * or `sm`, `md`, `lg` (10, 14, 20 px, whatever the text).
 */
export type ElementDotSize = 'text' | StatusDotSize;

/** Says what was wrong with an attribute; the element prints it once with `console.warn`. */
export type WarnAttribute = (message: string) => void;

const TRANSPORTS: readonly TransportMode[] = ['auto', 'websocket', 'polling'];
const THEMES: readonly ElementTheme[] = ['light', 'dark', 'auto', 'inherit'];
const DOT_SIZES: readonly ElementDotSize[] = ['text', 'sm', 'md', 'lg'];

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

/** `theme`: `light`, `dark`, `auto` or `inherit`; anything else warns and is `auto`. */
export function parseTheme(value: string | null, warn: WarnAttribute): ElementTheme {
  return oneOf('theme', value, THEMES, 'auto', warn);
}

/** `size` of the dot: `text`, `sm`, `md` or `lg`; anything else warns and is `text`. */
export function parseDotSize(value: string | null, warn: WarnAttribute): ElementDotSize {
  return oneOf('size', value, DOT_SIZES, 'text', warn);
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
