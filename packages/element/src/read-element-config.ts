import type { ThresholdConfig } from '@session-heartbeat/core';
import type { HeartbeatClient, HeartbeatSource } from '@session-heartbeat/client';
import type { ClientSpec } from './create-client-registry';
import {
  parseDurationMs,
  parseServerUrl,
  parseTransport,
  type WarnAttribute,
} from './parse-element-attributes';

/** A heartbeat client (`createHeartbeatClient`) or a source (`createGatewaySource`, …). */
export type ElementClientInput = HeartbeatClient | HeartbeatSource;

/** Attributes every element reads. */
export const SHARED_ATTRIBUTES = [
  'server-url',
  'transport',
  'theme',
  'stall-after-ms',
  'unresponsive-after-ms',
  // Observed only to say that it is ignored: a token is a property.
  'token',
] as const;

/** What the element holds besides its attributes. */
export interface ElementConfigProperties {
  clientInput: ElementClientInput | undefined;
  token: string | undefined;
  thresholds: ThresholdConfig | undefined;
}

/** Whether a `client` property value is something the element can use. */
export function isClientInput(value: unknown): value is ElementClientInput {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<HeartbeatClient & HeartbeatSource>;
  return typeof candidate.connect === 'function' || typeof candidate.start === 'function';
}

function isHeartbeatClient(value: ElementClientInput): value is HeartbeatClient {
  return 'store' in value && typeof (value as HeartbeatClient).start === 'function';
}

/**
 * Where the element's heartbeats come from: its `client` property (a client
 * or a source) if set, else `server-url` with the `token` property and
 * `transport`; `undefined` while it has neither.
 */
export function readClientSpec(
  element: Element,
  { clientInput, token }: ElementConfigProperties,
  warn: WarnAttribute,
): ClientSpec | undefined {
  const serverUrl = parseServerUrl(
    element.getAttribute('server-url'),
    element.ownerDocument.baseURI,
    warn,
  );
  const transport = parseTransport(element.getAttribute('transport'), warn);
  if (clientInput !== undefined) {
    if (serverUrl !== undefined) warn('both `client` and server-url are set: using `client`.');
    return isHeartbeatClient(clientInput)
      ? { kind: 'client', client: clientInput }
      : { kind: 'source', source: clientInput };
  }
  if (serverUrl === undefined) return undefined;
  return { kind: 'url', baseUrl: serverUrl, token, transport };
}

/**
 * The element's thresholds: the `thresholds` property, with its global
 * limits filled in (and overridden) by `stall-after-ms` and
 * `unresponsive-after-ms`; `undefined` when the element sets none.
 */
export function readThresholds(
  element: Element,
  { thresholds }: ElementConfigProperties,
  warn: WarnAttribute,
): ThresholdConfig | undefined {
  const stallAfterMs = parseDurationMs(
    'stall-after-ms',
    element.getAttribute('stall-after-ms'),
    warn,
  );
  const unresponsiveAfterMs = parseDurationMs(
    'unresponsive-after-ms',
    element.getAttribute('unresponsive-after-ms'),
    warn,
  );
  if (thresholds === undefined && stallAfterMs === undefined && unresponsiveAfterMs === undefined) {
    return undefined;
  }
  return {
    ...thresholds,
    ...(stallAfterMs === undefined ? {} : { stallAfterMs }),
    ...(unresponsiveAfterMs === undefined ? {} : { unresponsiveAfterMs }),
  };
}
