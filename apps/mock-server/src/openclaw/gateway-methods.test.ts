import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMockServer, type MockServer } from '../start-mock-server';

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

async function start(): Promise<MockServer> {
  server = await startMockServer({ scenario: 'openclaw', seed: 9, interval: 1000 });
  return server;
}

/** A bare gateway client past its handshake, with the scopes it asks for. */
async function connect(url: string, scopes: string[]) {
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
  const request = async (method: string, params: unknown = {}): Promise<Frame> => {
    const id = `c-${(ids += 1)}`;
    socket.send(JSON.stringify({ type: 'req', id, method, params }));
    return next((frame) => frame.type === 'res' && frame.id === id);
  };
  await next((frame) => frame.event === 'connect.challenge');
  const client = { id: 'webchat-ui', version: 'test', platform: 'node', mode: 'webchat' };
  const hello = await request('connect', {
    minProtocol: 3,
    maxProtocol: 3,
    client,
    role: 'operator',
    scopes,
  });
  expect(hello.ok).toBe(true);
  return { frames, next, request };
}

const ALL_SCOPES = ['operator.admin', 'operator.read', 'operator.write', 'operator.pairing'];

interface Row {
  key: string;
  model?: string;
  modelProvider?: string;
  totalTokens: number;
  contextTokens?: number;
  updatedAt: number;
}

describe('the mock gateway’s methods', () => {
  it('agree with each other: agents, models, identities and transcripts of the same sessions', async () => {
    const ui = await connect((await start()).gatewayUrl ?? '', ALL_SCOPES);
    const list = (await ui.request('sessions.list', { includeGlobal: true })).payload as {
      sessions: Row[];
    };
    const agents = (await ui.request('agents.list')).payload as {
      agents: { id: string; name: string }[];
    };
    const models = (await ui.request('models.list')).payload as {
      models: { id: string; provider: string }[];
    };
    expect(list.sessions.map((row) => row.key)).toContain('global');
    for (const row of list.sessions.filter((entry) => entry.key.startsWith('agent:'))) {
      const agentId = row.key.split(':')[1];
      const agent = agents.agents.find((entry) => entry.id === agentId);
      expect(agent, row.key).toBeDefined();
      const identity = await ui.request('agent.identity.get', { sessionKey: row.key });
      expect(identity.payload).toMatchObject({ agentId, name: agent?.name });
      if (row.model !== undefined) {
        expect(models.models).toContainEqual(
          expect.objectContaining({ id: row.model, provider: row.modelProvider }),
        );
      }
    }
    // `main` (the Control UI's default before it knows better) is the main session.
    const history = (await ui.request('chat.history', { sessionKey: 'main', limit: 200 }))
      .payload as { messages: { role: string; __openclaw: { seq: number } }[] };
    expect(history.messages[0]?.role).toBe('user');
    expect(history.messages.some((message) => message.role === 'assistant')).toBe(true);
    const seqs = history.messages.map((message) => message.__openclaw.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // A session's tokens are its context: within the window, and what its last answer says.
    for (const row of list.sessions.filter((entry) => entry.contextTokens !== undefined))
      expect(row.totalTokens).toBeLessThanOrEqual((row.contextTokens ?? 0) * 0.8);
    const idle = list.sessions.find((row) => row.key === 'agent:digest:main');
    const idleHistory = (await ui.request('chat.history', { sessionKey: 'agent:digest:main' }))
      .payload as { messages: { timestamp: number; usage?: { totalTokens: number } }[] };
    const lastAnswer = idleHistory.messages.filter((message) => message.usage).at(-1);
    expect(lastAnswer?.usage?.totalTokens).toBe(idle?.totalTokens);
    expect(idle?.updatedAt).toBe(lastAnswer?.timestamp);
    // Filters as the gateway's: no global row unless asked, a limit, newest first.
    const limited = (await ui.request('sessions.list', { limit: 3 })).payload as {
      sessions: Row[];
    };
    expect(limited.sessions).toHaveLength(3);
    expect(limited.sessions.map((row) => row.key)).not.toContain('global');
    const times = limited.sessions.map((row) => row.updatedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('tells subscribers, and only them, of session changes and new messages, unnumbered', async () => {
    const { gatewayUrl } = await start();
    const subscriber = await connect(gatewayUrl ?? '', ALL_SCOPES);
    const bystander = await connect(gatewayUrl ?? '', ALL_SCOPES);
    expect((await subscriber.request('sessions.subscribe')).payload).toEqual({ subscribed: true });
    await subscriber.request('sessions.patch', { key: 'agent:notes:main', label: 'Notebook' });
    const changed = await subscriber.next(
      (frame) =>
        frame.event === 'sessions.changed' &&
        (frame.payload as { reason?: string }).reason === 'patch',
    );
    expect(changed.seq).toBeUndefined();
    expect(changed.payload).toMatchObject({
      sessionKey: 'agent:notes:main',
      label: 'Notebook',
      ts: expect.any(Number) as unknown,
    });
    // A turn starts within seconds: its prompt is a new transcript message.
    const message = await subscriber.next((frame) => frame.event === 'session.message');
    expect(message.seq).toBeUndefined();
    expect(message.payload).toMatchObject({
      sessionKey: expect.stringMatching(/^agent:/) as unknown,
      message: { role: 'user', content: [{ type: 'text' }] },
      messageSeq: expect.any(Number) as unknown,
    });
    await bystander.next((frame) => frame.event === 'agent');
    const toSubscribers = new Set(['sessions.changed', 'session.message']);
    expect(bystander.frames.filter((frame) => toSubscribers.has(frame.event ?? ''))).toEqual([]);
  });

  it('checks the scopes a connection asked for, as the gateway does', async () => {
    const reader = await connect((await start()).gatewayUrl ?? '', ['operator.read']);
    expect((await reader.request('sessions.list')).ok).toBe(true);
    expect((await reader.request('session.heartbeat.snapshot')).ok).toBe(true);
    const refused = async (method: string, params: unknown) =>
      (await reader.request(method, params)).error;
    expect(await refused('device.pair.list', {})).toEqual({
      code: 'INVALID_REQUEST',
      message: 'missing scope: operator.pairing',
    });
    expect(await refused('sessions.patch', { key: 'agent:main:main', label: 'x' })).toEqual({
      code: 'INVALID_REQUEST',
      message: 'missing scope: operator.admin',
    });
    expect(await refused('session.heartbeat.restart', { sessionKey: 'agent:main:main' })).toEqual({
      code: 'INVALID_REQUEST',
      message: 'missing scope: operator.write',
    });
    // `health` needs no scope at all.
    const nobody = await connect(server?.gatewayUrl ?? '', []);
    expect((await nobody.request('health')).ok).toBe(true);
    expect((await nobody.request('sessions.list')).error?.message).toBe(
      'missing scope: operator.read',
    );
  });

  it('refuses malformed params with the gateway’s error shape, and leaves other sessions alone', async () => {
    const ui = await connect((await start()).gatewayUrl ?? '', ALL_SCOPES);
    expect((await ui.request('chat.history', {})).error?.code).toBe('INVALID_REQUEST');
    expect((await ui.request('sessions.patch', { key: 'agent:nobody:main' })).error).toEqual({
      code: 'INVALID_REQUEST',
      message: 'session not found: agent:nobody:main',
    });
    expect((await ui.request('sessions.list', 'not an object')).ok).toBe(true);
  });

  it('serves the Control UI’s bootstrap config and avatar metadata over HTTP', async () => {
    const { url } = await start();
    const config = await fetch(`${url}/__openclaw/control-ui-config.json`);
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({
      basePath: '',
      assistantName: 'Claw',
      assistantAgentId: 'main',
    });
    const meta = await fetch(`${url}/avatar/main?meta=1`);
    expect(await meta.json()).toEqual({ avatarUrl: null });
    expect((await fetch(`${url}/avatar/main`)).status).toBe(404);
    expect((await fetch(`${url}/avatar/..%2Fetc?meta=1`)).status).toBe(404);
  });
});
