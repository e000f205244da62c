/** The page's one polite live region for action results. */
let region: HTMLElement | undefined;

/**
 * Makes the region now, if it is not there yet: a region that appears at
 * the moment it speaks may go unheard, so a ladder prepares it when a
 * person starts an action.
 */
export function prepareAnnouncer(doc: Document = document): HTMLElement {
  if (region !== undefined && region.isConnected && region.ownerDocument === doc) return region;
  region = doc.createElement('div');
  region.className = 'shb-visually-hidden';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.dataset.shbAnnouncer = '';
  doc.body.append(region);
  return region;
}

/**
 * Says `message` to assistive technology, politely, through one hidden live
 * region on the page. It outlives the component that asked: a row's actions
 * go away when its session recovers, which is exactly when the result is
 * news. Called from event handlers, never during render.
 */
export function announcePolitely(message: string, doc: Document = document): void {
  const target = prepareAnnouncer(doc);
  // Emptied first, so the same words twice are said twice.
  target.textContent = '';
  doc.defaultView?.requestAnimationFrame(() => {
    target.textContent = message;
  });
}
