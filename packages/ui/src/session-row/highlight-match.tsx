import type { ReactNode } from 'react';

/**
 * `text` with every case-insensitive occurrence of `needle` in a `<mark>`
 * (a search's match, shown where it is found). Plain text when there is no
 * needle or no match. A function, not a component: a list row calls it five
 * times in every render, and a component would be five more fibers a row.
 */
export function highlightMatch(text: string, needle: string | undefined): ReactNode {
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
