const wholeNumbers = new Intl.NumberFormat('en-US');

/**
 * A count as the dashboard writes it: "10,000". English grouping, as the
 * rest of the dashboard's words are English.
 */
export function formatCount(count: number): string {
  return wholeNumbers.format(count);
}

/** A count with its noun: "1 session", "1,000 sessions". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
