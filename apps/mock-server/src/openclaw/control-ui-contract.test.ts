import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMockServer, type MockServer } from '../start-mock-server';

/*
 * The contract between OpenClaw's Control UI and the mock gateway: every
 * method the Control UI calls at start and on its Sessions and Chat views,
 * written down from its source (openclaw 8f8492d, files under `ui/src/ui/`,
 * named beside each call), with the params it sends and the fields it reads
 * from the answer. The mock must answer each with a payload of that shape.
 */

interface Call {
  method: string;
  params: Record<string, unknown>;
  /** Where the Control UI makes the call. */
  from: string;
  /** The fields the Control UI reads, as assertions on the payload. */
  check(payload: unknown): void;
}

const anyString = expect.any(String) as unknown;
const anyNumber = expect.any(Number) as unknown;
const anyArray = expect.any(Array) as unknown;

function items(payload: unknown, field: string): unknown[] {
  const list = (payload as Record<string, unknown>)[field];
  expect(Array.isArray(list), `${field} is an array`).toBe(true);
  return list as unknown[];
}

/** `app-gateway.ts` `onHello`, in this order, whatever the view. */
const AT_START: Call[] = [
  {
    method: 'sessions.subscribe',
    params: {},
    from: 'controllers/sessions.ts subscribeSessions (an error becomes the Sessions view banner)',
    check: (payload) => expect(payload).toEqual({ subscribed: true }),
  },
  {
    method: 'agent.identity.get',
    params: { sessionKey: 'agent:main:main' },
    from: 'controllers/assistant-identity.ts loadAssistantIdentity',
    check: (payload) =>
      expect(payload).toMatchObject({ agentId: 'main', name: anyString, avatar: anyString }),
  },
  {
    method: 'agents.list',
    params: {},
    from: 'controllers/agents.ts loadAgents',
    check(payload) {
      expect(payload).toMatchObject({ defaultId: 'main', mainKey: 'main', scope: 'per-sender' });
      for (const agent of items(payload, 'agents'))
        expect(agent).toMatchObject({ id: anyString, name: anyString });
    },
  },
  {
    method: 'health',
    params: {},
    from: 'controllers/health.ts loadHealth',
    check: (payload) =>
      expect(payload).toMatchObject({
        ok: true,
        ts: anyNumber,
        durationMs: anyNumber,
        heartbeatSeconds: anyNumber,
        defaultAgentId: 'main',
        agents: anyArray,
        sessions: { path: anyString, count: anyNumber, recent: anyArray },
      }),
  },
  {
    method: 'node.list',
    params: {},
    from: 'controllers/nodes.ts loadNodes (quiet)',
    check(payload) {
      for (const node of items(payload, 'nodes'))
        expect(node).toMatchObject({ nodeId: anyString, connected: expect.any(Boolean) });
    },
  },
  {
    method: 'device.pair.list',
    params: {},
    from: 'controllers/devices.ts loadDevices (quiet)',
    check(payload) {
      expect(items(payload, 'pending')).toEqual([]);
      for (const device of items(payload, 'paired'))
        expect(device).toMatchObject({ deviceId: anyString, roles: anyArray });
    },
  },
];

function checkSessionsList(payload: unknown): void {
  expect(payload).toMatchObject({ ts: anyNumber, path: anyString, count: anyNumber });
  expect((payload as { defaults: unknown }).defaults).toMatchObject({
    model: null,
    contextTokens: null,
  });
  for (const row of items(payload, 'sessions')) {
    expect(row).toMatchObject({ key: anyString, kind: anyString, updatedAt: anyNumber });
  }
}

/** `app-settings.ts` `refreshActiveTab('sessions')`, then again on every `sessions.changed`. */
const SESSIONS_VIEW: Call[] = [
  {
    method: 'sessions.list',
    params: { includeGlobal: true, includeUnknown: false, limit: 120 },
    from: 'controllers/sessions.ts loadSessions',
    check: checkSessionsList,
  },
];

/** `app-chat.ts` `refreshChat` (all at once), the chat header's session picker included. */
const CHAT_VIEW: Call[] = [
  {
    method: 'chat.history',
    params: { sessionKey: 'agent:main:main', limit: 200 },
    from: 'controllers/chat.ts loadChatHistory',
    check(payload) {
      expect(payload).toMatchObject({ sessionKey: 'agent:main:main', thinkingLevel: anyString });
      const messages = items(payload, 'messages');
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        expect(message).toMatchObject({
          role: expect.stringMatching(/^(user|assistant|toolResult)$/) as unknown,
          content: anyArray,
          timestamp: anyNumber,
        });
      }
    },
  },
  {
    method: 'sessions.list',
    params: { includeGlobal: true, includeUnknown: true },
    from: 'controllers/sessions.ts loadSessions (refreshChat: the session picker)',
    check: checkSessionsList,
  },
  {
    method: 'models.list',
    params: {},
    from: 'controllers/models.ts loadModels (the chat header model picker)',
    check(payload) {
      for (const model of items(payload, 'models'))
        expect(model).toMatchObject({ id: anyString, name: anyString, provider: anyString });
    },
  },
  {
    method: 'commands.list',
    params: { agentId: 'main', includeArgs: true, scope: 'text' },
    from: 'chat/slash-commands.ts refreshSlashCommands',
    check(payload) {
      for (const command of items(payload, 'commands')) {
        expect(command).toMatchObject({
          name: anyString,
          description: anyString,
          source: 'native',
          scope: expect.stringMatching(/^(text|native|both)$/) as unknown,
          acceptsArgs: expect.any(Boolean) as unknown,
        });
      }
    },
  },
];

/** What a person's action on those views asks, and the mock does. */
const ON_ACTION: Call[] = [
  {
    method: 'sessions.compaction.list',
    params: { key: 'agent:main:main' },
    from: 'controllers/sessions.ts fetchSessionCompactionCheckpoints ("Show checkpoints")',
    check: (payload) =>
      expect(payload).toEqual({ ok: true, key: 'agent:main:main', checkpoints: [] }),
  },
  {
    method: 'sessions.patch',
    params: { key: 'agent:ops:slack:group:deploys', label: 'Deploys', thinkingLevel: 'high' },
    from: 'controllers/sessions.ts patchSession (the Sessions table), app-render.helpers.ts (chat pickers)',
    check: (payload) =>
      expect(payload).toMatchObject({
        ok: true,
        key: 'agent:ops:slack:group:deploys',
        entry: { label: 'Deploys', displayName: 'Deploys', thinkingLevel: 'high' },
      }),
  },
];

/** What those views can ask that a simulated gateway cannot do: refused as the gateway refuses. */
const NOT_SUPPORTED = [
  { method: 'chat.send', from: 'controllers/chat.ts sendChatMessage' },
  { method: 'chat.abort', from: 'controllers/chat.ts abortChatRun' },
  { method: 'sessions.reset', from: 'app-chat.ts clearChatHistory' },
  { method: 'sessions.delete', from: 'controllers/sessions.ts deleteSessionsAndRefresh' },
];

/** `gateway.ts` `CONTROL_UI_OPERATOR_SCOPES`: what the Control UI asks for in `connect`. */
const CONTROL_UI_SCOPES = [
  'operator.admin',
  'operator.read',
  'operator.write',
  'operator.approvals',
  'operator.pairing',
];

interface Frame {
  type: string;
  event?: string;
  payload?: unknown;
  seq?: number;
  id?: string;
  ok?: boolean;
  error?: { code: string; message: string };
}

let server: MockServer | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = undefined;
});

/** A client that connects as the Control UI does (`gateway.ts` `buildConnectParams`). */
async function connectAsControlUi(url: string) {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const check of [...waiters]) check();
  });
  socket.on('error', () => undefined);
  const next = (match: (frame: Frame) => boolean): Promise<Frame> =>
    new Promise((resolve) => {
      const check = (): void => {
        const found = frames.find(match);
        if (found === undefined) return;
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });
  let ids = 0;
  const request = async (method: string, params: unknown): Promise<Frame> => {
    const id = `ui-${(ids += 1)}`;
    socket.send(JSON.stringify({ type: 'req', id, method, params }));
    return next((frame) => frame.type === 'res' && frame.id === id);
  };
  const challenge = await next((frame) => frame.event === 'connect.challenge');
  const nonce = (challenge.payload as { nonce: string }).nonce;
  const hello = await request('connect', {
    minProtocol: 3,
    maxProtocol: 3,
    client: { id: 'openclaw-control-ui', version: 'control-ui', platform: 'test', mode: 'webchat' },
    role: 'operator',
    scopes: CONTROL_UI_SCOPES,
    // Signed in a secure context (`device-identity.ts`); the mock does not verify it.
    device: { id: 'device-1', publicKey: 'key-1', signature: 'sig', signedAt: 1, nonce },
    caps: ['tool-events'],
    userAgent: 'vitest',
    locale: 'en-US',
  });
  return { frames, next, request, hello };
}

async function start(): Promise<string> {
  server = await startMockServer({ scenario: 'openclaw', seed: 4, interval: 1000 });
  return server.gatewayUrl ?? '';
}

describe('the mock gateway under the Control UI’s calls', () => {
  it('answers hello-ok with the snapshot the Control UI applies', async () => {
    const { hello } = await connectAsControlUi(await start());
    expect(hello.ok).toBe(true);
    expect(hello.payload).toMatchObject({
      type: 'hello-ok',
      protocol: 3,
      server: { version: anyString, connId: anyString },
      snapshot: {
        presence: anyArray,
        health: { ok: true, defaultAgentId: 'main' },
        stateVersion: { presence: anyNumber, health: anyNumber },
        uptimeMs: anyNumber,
        // `app-gateway.ts` applySessionDefaults: `main` becomes this key.
        sessionDefaults: {
          defaultAgentId: 'main',
          mainKey: 'main',
          mainSessionKey: 'agent:main:main',
        },
      },
      policy: { tickIntervalMs: anyNumber },
    });
    const { methods } = (hello.payload as { features: { methods: string[] } }).features;
    for (const call of [...AT_START, ...SESSIONS_VIEW, ...CHAT_VIEW, ...ON_ACTION])
      expect(methods, call.method).toContain(call.method);
  });

  it.each([
    ['at start', AT_START],
    ['on the Sessions view', SESSIONS_VIEW],
    ['on the Chat view', CHAT_VIEW],
    ['on an action in those views', ON_ACTION],
  ])(
    'answers every call %s with a payload of the shape the Control UI reads',
    async (_when, calls) => {
      const ui = await connectAsControlUi(await start());
      for (const call of calls) {
        const answer = await ui.request(call.method, call.params);
        expect(answer.error, `${call.method} (${call.from})`).toBeUndefined();
        expect(answer.ok, call.method).toBe(true);
        call.check(answer.payload);
      }
    },
  );

  it.each(NOT_SUPPORTED)(
    'refuses $method with the gateway’s own error shape',
    async ({ method }) => {
      const ui = await connectAsControlUi(await start());
      const answer = await ui.request(method, {
        sessionKey: 'agent:main:main',
        key: 'agent:main:main',
      });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: `unknown method: ${method}` },
      });
    },
  );
});
