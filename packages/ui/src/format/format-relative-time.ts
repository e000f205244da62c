const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

/** How `formatRelativeTime` words its answer: `12s ago`, `12 sec. ago`, `12 seconds ago`. */
export type RelativeTimeStyle = Intl.RelativeTimeFormatStyle;

function relativeFormat(locale: string | undefined, style: RelativeTimeStyle) {
  const cacheKey = `${locale ?? ''}|${style}`;
  let format = relativeFormats.get(cacheKey);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style });
    relativeFormats.set(cacheKey, format);
  }
  return format;
}

/**
 * `at` relative to `now`, in the user's locale (`Intl.RelativeTimeFormat`):
 * `now`, `12s ago`, `3m ago`, `yesterday`. Seconds below a minute, so the
 * value visibly ticks while something is fresh.
 *
 * @param locale a BCP 47 tag; `undefined` is the browser's locale.
 * @param style @default 'narrow'
 */
export function formatRelativeTime(
  at: number,
  now: number,
  locale?: string,
  style: RelativeTimeStyle = 'narrow',
): string {
  const format = relativeFormat(locale, style);
  const elapsed = now - at;
  const magnitude = Math.abs(elapsed);
  const sign = elapsed >= 0 ? -1 : 1;
  if (magnitude < MINUTE) return format.format(sign * Math.floor(magnitude / SECOND), 'second');
  if (magnitude < HOUR) return format.format(sign * Math.floor(magnitude / MINUTE), 'minute');
  if (magnitude < DAY) return format.format(sign * Math.floor(magnitude / HOUR), 'hour');
  return format.format(sign * Math.floor(magnitude / DAY), 'day');
}

/** The absolute date and time, for a `title`: `Jan 1, 2026, 12:00:42 AM`. */
export function formatAbsoluteTime(at: number, locale?: string): string {
  const cacheKey = locale ?? '';
  let format = absoluteFormats.get(cacheKey);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    absoluteFormats.set(cacheKey, format);
  }
  return format.format(at);
}

/**
 * Builds the formatters `LastActivity` uses for `locale` when the page is
 * idle. A page's first `Intl` formatter loads locale data (tens of ms): done
 * while the list waits for its snapshot, that cost stays off the frame that
 * first shows rows. Returns a cancel function (for an effect's cleanup).
 */
export function warmTimeFormats(locale?: string): () => void {
  const warm = (): void => {
    relativeFormat(locale, 'narrow');
    formatAbsoluteTime(0, locale);
  };
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(warm, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(warm, 0);
  return () => clearTimeout(timer);
}
