import { useSyncExternalStore } from 'react';

/** Whether this page may notify: the browser's permission, or `unsupported` where there is none. */
export type NotificationAccess = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();
let watching = false;

function readAccess(): NotificationAccess {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function changed(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!watching && typeof navigator !== 'undefined' && navigator.permissions !== undefined) {
    watching = true;
    // The person may change it in the browser's site settings while the page is open.
    navigator.permissions
      .query({ name: 'notifications' })
      .then((status) => status.addEventListener('change', changed))
      .catch(() => undefined);
  }
  return () => listeners.delete(listener);
}

/**
 * Asks the browser for permission to notify (call it from a click: browsers
 * prompt only on a user gesture); every `useNotificationPermission` hears
 * the answer.
 */
export async function requestNotificationPermission(): Promise<NotificationAccess> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'default') await Notification.requestPermission();
  changed();
  return readAccess();
}

/** The page's notification permission, kept current. */
export function useNotificationPermission(): NotificationAccess {
  return useSyncExternalStore(subscribe, readAccess, readAccess);
}
