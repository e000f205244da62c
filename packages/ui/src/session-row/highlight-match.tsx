import type { ReactNode } from 'react';

/**
 * `text` with every case-insensitive occurrence of `needle` in a `<mark>`
 * (a search's match, shown where it is found). Plain text when there is no
 * needle or no match.
 */
export function HighlightMatch({ text, needle }: { text: string; needle: string | undefined }) {
  const lowerNeedle = needle?.trim().toLowerCase() ?? '';
  if (lowerNeedle === '') return text;
  const lower = text.toLowerCase();
  let at = lower.indexOf(lowerNeedle);
  if (at < 0) return text;
  const parts: ReactNode[] = [];
  let from = 0;
  while (at >= 0) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={at} className="shb-mark">
        {text.slice(at, at + lowerNeedle.length)}
      </mark>,
    );
    from = at + lowerNeedle.length;
    at = lower.indexOf(lowerNeedle, from);
  }
  if (from < text.length) parts.push(text.slice(from));
  return <>{parts}</>;
}
