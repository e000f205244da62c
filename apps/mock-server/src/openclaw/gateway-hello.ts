import { GATEWAY_PROTOCOL_VERSION, SESSION_HEARTBEAT_EVENT } from '@session-heartbeat/openclaw';
import { healthSummary } from './gateway-summaries';
import { DEFAULT_AGENT_ID, MAIN_KEY, MAIN_SESSION_KEY, SESSION_SCOPE } from './gateway-catalog';
import type { SimulatedSessionRow } from '../scenarios/openclaw/create-session-rows';

/** The gateway's frame and buffer limits (`src/gateway/server-constants.ts`). */
export const MAX_PAYLOAD_BYTES = 512 * 1024;
export const MAX_BUFFERED_BYTES = 1.5 * 1024 * 1024;

/**
 * Events the mock sends. `sessions.changed` and `session.message` go only to
 * connections that called `sessions.subscribe`, without a `seq` (the
 * gateway numbers broadcasts to everyone only: `src/gateway/server-broadcast.ts`).
 */
export const GATEWAY_EVENTS = [
  'connect.challenge',
  'agent',
  'chat',
  'session.message',
  'sessions.changed',
  'tick',
  'heartbeat',
  SESSION_HEARTBEAT_EVENT,
];
export const SUBSCRIBER_EVENTS: ReadonlySet<string> = new Set([
  'sessions.changed',
  'session.message',
]);

export interface HelloOptions {
  connId: string;
  methods: readonly string[];
  rows: readonly SimulatedSessionRow[];
  now: number;
  startedAt: number;
  tickIntervalMs: number;
  hasToken: boolean;
}

/** `hello-ok` as the gateway sends it (`HelloOkSchema`, `SnapshotSchema`). */
export function helloOk(options: HelloOptions) {
  return {
    type: 'hello-ok',
    protocol: GATEWAY_PROTOCOL_VERSION,
    server: { version: 'mock', connId: options.connId },
    features: { methods: [...options.methods], events: GATEWAY_EVENTS },
    snapshot: {
      presence: [
        {
          host: 'mock-gateway',
          version: 'mock',
          platform: 'linux',
          mode: 'gateway',
          reason: 'self',
          ts: options.now,
        },
      ],
      health: healthSummary(options.rows, options.now),
      stateVersion: { presence: 1, health: 1 },
      uptimeMs: Math.max(0, options.now - options.startedAt),
      // The Control UI resolves `main` and `agent:main:main` to this key.
      sessionDefaults: {
        defaultAgentId: DEFAULT_AGENT_ID,
        mainKey: MAIN_KEY,
        mainSessionKey: MAIN_SESSION_KEY,
        scope: SESSION_SCOPE,
      },
      authMode: options.hasToken ? 'token' : 'none',
    },
    policy: {
      maxPayload: MAX_PAYLOAD_BYTES,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      tickIntervalMs: options.tickIntervalMs,
    },
  };
}

/** What a `connect` frame says about the client, for `device.pair.list`. */
export interface ConnectedDevice {
  deviceId: string;
  publicKey: string;
  clientId: string;
  clientMode: string;
  platform: string;
  role: string;
  scopes: string[];
}

function stringField(record: Record<string, unknown> | undefined, name: string): string {
  const value = record?.[name];
  return typeof value === 'string' ? value : '';
}

/** The device identity a `connect` carries (the Control UI signs one in a secure context). */
export function readConnectedDevice(params: Record<string, unknown>): ConnectedDevice | undefined {
  const device = params.device as Record<string, unknown> | undefined;
  const client = params.client as Record<string, unknown> | undefined;
  const deviceId = stringField(device, 'id');
  if (deviceId === '') return undefined;
  const scopes = Array.isArray(params.scopes)
    ? params.scopes.filter((scope): scope is string => typeof scope === 'string')
    : [];
  return {
    deviceId,
    publicKey: stringField(device, 'publicKey'),
    clientId: stringField(client, 'id'),
    clientMode: stringField(client, 'mode'),
    platform: stringField(client, 'platform'),
    role: typeof params.role === 'string' ? params.role : 'operator',
    scopes,
  };
}

/**
 * `device.pair.list`: the mock pairs every device that connects (as a
 * gateway on loopback does), so a Control UI finds itself listed, beside
 * the node that hosts the canvas. Nothing is pending.
 */
export function createDevicePairing(startedAt: number) {
  const paired = new Map<string, { device: ConnectedDevice; since: number; lastUsed: number }>();
  return {
    remember(device: ConnectedDevice, at: number) {
      const known = paired.get(device.deviceId);
      paired.set(device.deviceId, { device, since: known?.since ?? at, lastUsed: at });
    },
    list() {
      const devices = [...paired.values()].map(({ device, since, lastUsed }) => ({
        deviceId: device.deviceId,
        publicKey: device.publicKey,
        displayName: device.clientId,
        platform: device.platform,
        clientId: device.clientId,
        clientMode: device.clientMode,
        role: device.role,
        roles: [device.role],
        scopes: device.scopes,
        approvedScopes: device.scopes,
        remoteIp: '127.0.0.1',
        tokens: [
          { role: device.role, scopes: device.scopes, createdAtMs: since, lastUsedAtMs: lastUsed },
        ],
        createdAtMs: since,
        approvedAtMs: since,
      }));
      const node = {
        deviceId: 'node-studio-mac',
        publicKey: 'mock-node-public-key',
        displayName: 'studio-mac',
        platform: 'darwin',
        clientId: 'openclaw-macos',
        clientMode: 'node',
        role: 'node',
        roles: ['node'],
        scopes: [],
        remoteIp: '127.0.0.1',
        tokens: [{ role: 'node', scopes: [], createdAtMs: startedAt, lastUsedAtMs: startedAt }],
        createdAtMs: startedAt - 86_400_000 * 12,
        approvedAtMs: startedAt - 86_400_000 * 12,
      };
      return { pending: [], paired: [...devices, node] };
    },
  };
}
