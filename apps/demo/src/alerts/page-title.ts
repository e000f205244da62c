/** The page's title with no alert pending. */
export const BASE_TITLE = 'Sessions — Heartbeat';

/** "(2) Sessions — Heartbeat" while two sessions need a look; the base title at zero. */
export function pageTitle(needingAttention: number): string {
  return needingAttention > 0 ? `(${needingAttention}) ${BASE_TITLE}` : BASE_TITLE;
}
