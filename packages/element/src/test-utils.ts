// Test-only helpers for the element tests.
import {
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatClientOptions,
} from '@session-heartbeat/client';
import {
  createManualSource,
  createTestEnvironment,
  type ManualSource,
} from '@session-heartbeat/client/test-utils';
import { vi } from 'vitest';
import { createClientRegistry, type ClientRegistry } from './create-client-registry';
import { SessionHeartbeatElement } from './session-heartbeat-element';

/** A client over a hand-driven source, with spies on what the elements call. */
export function createTestClient(source: ManualSource = createManualSource()) {
  const client = createHeartbeatClient({ source, environment: createTestEnvironment() });
  vi.spyOn(client, 'start');
  vi.spyOn(client, 'stop');
  vi.spyOn(client, 'setThresholds');
  return { client, source };
}

/**
 * Swaps the elements' registry for one whose URL clients hear a manual
 * source (no network in unit tests) and keeps every client it made.
 */
export function useTestRegistry(): {
  registry: ClientRegistry;
  made: { options: HeartbeatClientOptions; client: HeartbeatClient; source: ManualSource }[];
  restore: () => void;
} {
  const previous = SessionHeartbeatElement.registry;
  const made: {
    options: HeartbeatClientOptions;
    client: HeartbeatClient;
    source: ManualSource;
  }[] = [];
  const registry = createClientRegistry({
    createClient(options) {
      const source = createManualSource();
      const client = createHeartbeatClient({
        ...options,
        source: options.source ?? source,
        environment: createTestEnvironment(),
      });
      vi.spyOn(client, 'stop');
      vi.spyOn(client, 'setThresholds');
      vi.spyOn(client, 'setTransport').mockImplementation(() => undefined);
      made.push({ options, client, source });
      return client;
    },
    warn: () => undefined,
  });
  SessionHeartbeatElement.registry = registry;
  return {
    registry,
    made,
    restore: () => {
      SessionHeartbeatElement.registry = previous;
    },
  };
}

/** Lets queued element updates (a microtask) and the React renders they start run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The element's shadow root (open). */
export function shadowOf(element: Element): ShadowRoot {
  if (element.shadowRoot === null) throw new Error(`<${element.localName}> has no shadow root`);
  return element.shadowRoot;
}
