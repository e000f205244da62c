import type { SessionAction } from '@session-heartbeat/react';
import { createContext } from 'react';
import type { SessionActionRequest } from './session-action-request';

/** The one action a person is confirming in a list, if any. */
export interface Confirming {
  sessionKey: string;
  action: SessionAction;
}

/**
 * What a `SessionList` shares with its rows about actions: which one is
 * being confirmed (the only UI state of an action: where it stands is the
 * client's mutation), and the host's `onAction`. A row is reused for
 * whichever session its place shows; both are keyed by session, so they
 * follow their session from row to row.
 */
export interface ActionFlowContextValue {
  confirming: Confirming | undefined;
  setConfirming: (confirming: Confirming | undefined) => void;
  onAction: ((request: SessionActionRequest) => void) | undefined;
}

export const ActionFlowContext = createContext<ActionFlowContextValue | undefined>(undefined);
