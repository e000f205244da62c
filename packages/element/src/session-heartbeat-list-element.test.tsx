import { makeReceivedHeartbeat } from '@session-heartbeat/core/test-utils';
import type { HeartbeatSource } from '@session-heartbeat/client';
import { createManualSource } from '@session-heartbeat/client/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import './index';
import { createTestClient, settle, shadowOf, useTestRegistry } from './test-utils';

let testRegistry: ReturnType<typeof useTestRegistry>;
beforeEach(() => {
  testRegistry = useTestRegistry();
});
afterEach(() => {
  testRegistry.restore();
  vi.restoreAllMocks();
});

function rowOf(element: Element, sessionKey: string): HTMLElement {
  const row = shadowOf(element).querySelector<HTMLElement>(
    `[role="listitem"][data-session-key="${sessionKey}"]`,
  );
  if (row === null) throw new Error(`no row for ${sessionKey}`);
  return row;
}

/** Waits until the row shows `health`. */
async function expectHealth(element: Element, sessionKey: string, health: string): Promise<void> {
  await vi.waitFor(() => expect(rowOf(element, sessionKey)).toHaveAttribute('data-health', health));
}

async function listWithSession(
  state: 'tool_exec' | 'idle',
  sinceMs = 0,
  actionSource: Partial<Pick<HeartbeatSource, 'act' | 'actions'>> = {},
) {
  // What the source can do is set before the client starts: it asks once.
  const { client, source } = createTestClient(Object.assign(createManualSource(), actionSource));
  const list = document.createElement('session-heartbeat-list');
  list.client = client;
  document.body.append(list);
  await settle();
  source.snapshot([
    makeReceivedHeartbeat({
      sessionKey: 'agent:main:main',
      state,
      toolName: state === 'tool_exec' ? 'exec' : undefined,
      at: Date.now() - sinceMs,
      emittedAt: Date.now(), // in that state for `sinceMs`, and still beating
    }),
  ]);
  client.flush();
  await vi.waitFor(() => rowOf(list, 'agent:main:main'));
  return { list, client, source };
}

describe('<session-heartbeat-list>', () => {
  it('shares one connection among every element pointed at the same server', async () => {
    const { made, registry } = testRegistry;
    document.body.innerHTML = `
      <session-heartbeat-list server-url="/"></session-heartbeat-list>
      <session-heartbeat-list server-url="${document.baseURI}"></session-heartbeat-list>
      <session-heartbeat-dot server-url="/" session-key="agent:main:main"></session-heartbeat-dot>`;
    await settle();
    expect(made.map((entry) => entry.options)).toEqual([
      { baseUrl: new URL('/', document.baseURI).href, token: undefined, transport: 'auto' },
    ]);
    expect(made[0]?.source.connected).toBe(true);

    // Another token is another connection; the token never shows in the DOM.
    const withToken = document.createElement('session-heartbeat-list');
    withToken.setAttribute('server-url', '/');
    withToken.token = 'secret';
    document.body.append(withToken);
    await settle();
    expect(made).toHaveLength(2);
    expect(made[1]?.options.token).toBe('secret');
    expect(document.body.innerHTML).not.toContain('secret');

    // One element leaves: the connection it shared stays up for the others.
    document.body.firstElementChild?.remove();
    await settle();
    expect(made[0]?.source.connected).toBe(true);

    document.body.replaceChildren();
    await settle();
    expect(registry.size).toBe(0);
    for (const { source } of made) expect(source.connected).toBe(false);
  });

  it('holds a host’s client while it shows it, and leaves it running for the host', async () => {
    const { client, source } = createTestClient();
    client.start(); // the host's own hold
    const list = document.createElement('session-heartbeat-list');
    list.client = client;
    document.body.append(list);
    await settle();
    list.remove();
    await settle();
    expect(source.connected).toBe(true);
    client.stop();
    expect(source.connected).toBe(false);
  });

  it('renders the live list in its shadow root and says which session was chosen', async () => {
    const { list } = await listWithSession('tool_exec');
    const selected: Event[] = [];
    document.addEventListener('session-select', (event) => selected.push(event));

    expect(document.body.querySelector('[role="list"]')).toBeNull(); // nothing leaks into the page
    const row = rowOf(list, 'agent:main:main');
    expect(row).toHaveAttribute('data-health', 'active');
    row.click();
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));

    expect(selected).toHaveLength(2);
    const [event] = selected;
    expect(event).toBeInstanceOf(CustomEvent);
    expect(event?.target).toBe(list);
    expect((event as CustomEvent).detail).toEqual({ sessionKey: 'agent:main:main' });
    expect(event?.bubbles).toBe(true);
    expect(event?.composed).toBe(true);
  });

  it('applies threshold attributes live, and falls back with a warning on a bad one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { list, client } = await listWithSession('tool_exec', 10_000);
    expect(rowOf(list, 'agent:main:main')).toHaveAttribute('data-health', 'active');

    list.setAttribute('stall-after-ms', '5000');
    await expectHealth(list, 'agent:main:main', 'stalled');
    expect(client.setThresholds).toHaveBeenLastCalledWith({ stallAfterMs: 5000 });
    expect(list.stallAfterMs).toBe(5000);

    list.setAttribute('stall-after-ms', 'soon');
    await expectHealth(list, 'agent:main:main', 'active');
    expect(client.setThresholds).toHaveBeenLastCalledWith(undefined);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/<session-heartbeat-list>: stall-after-ms="soon"/),
    );

    // The full resolver as a property; the attribute wins for its own field.
    list.thresholds = { stallAfterMs: 60_000, byTool: { exec: { stallAfterMs: 2000 } } };
    list.unresponsiveAfterMs = 20_000;
    await settle();
    expect(client.setThresholds).toHaveBeenLastCalledWith({
      stallAfterMs: 60_000,
      byTool: { exec: { stallAfterMs: 2000 } },
      unresponsiveAfterMs: 20_000,
    });
    await expectHealth(list, 'agent:main:main', 'stalled');
  });

  it('switches transport on its own client, and never reads a token attribute', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const list = document.createElement('session-heartbeat-list');
    list.setAttribute('server-url', '/');
    list.setAttribute('token', 'in-the-dom');
    document.body.append(list);
    await settle();
    const [made] = testRegistry.made;
    expect(made?.options.token).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/token attribute is ignored/));

    list.transport = 'polling';
    await settle();
    expect(made?.client.setTransport).toHaveBeenCalledWith('polling');
    expect(testRegistry.made).toHaveLength(1);

    list.setAttribute('transport', 'carrier-pigeon');
    await settle();
    expect(made?.client.setTransport).toHaveBeenLastCalledWith('auto');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/transport="carrier-pigeon"/));
  });

  it('dispatches a cancelable session-action before acting, and acts when it is not taken over', async () => {
    const act = vi.fn((_sessionKey: string, _action: string) => Promise.resolve());
    const { list } = await listWithSession('tool_exec', 60_000, {
      act,
      actions: () => Promise.resolve(['nudge', 'abort', 'restart'] as const),
    });
    const requests: CustomEvent[] = [];
    list.addEventListener('session-action', (event) => {
      requests.push(event);
      if (requests.length === 1) event.preventDefault(); // the host restarts it its own way
    });
    const clickButton = async (name: RegExp) => {
      const button = await vi.waitFor(() => {
        const found = [...shadowOf(list).querySelectorAll('button')].find((candidate) =>
          name.test(candidate.textContent ?? ''),
        );
        if (found === undefined) throw new Error(`no button ${name}`);
        return found;
      });
      button.click();
    };

    await clickButton(/^Restart$/);
    await clickButton(/^Confirm$/);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.detail).toEqual({ sessionKey: 'agent:main:main', action: 'restart' });
    expect(requests[0]?.cancelable).toBe(true);
    expect(act).not.toHaveBeenCalled();

    // A nudge asks no confirmation; not taken over, it goes to the source.
    await clickButton(/^Nudge$/);
    await vi.waitFor(() => expect(act).toHaveBeenCalledWith('agent:main:main', 'nudge'));
    expect(requests[1]?.detail).toEqual({ sessionKey: 'agent:main:main', action: 'nudge' });
  });

  it('unmounts and lets go of its client when removed, but not when moved', async () => {
    const { list, client, source } = await listWithSession('idle');
    const mount = shadowOf(list).querySelector('.shb-element__mount');
    expect(mount?.childElementCount).toBeGreaterThan(0);
    const starts = vi.mocked(client.start).mock.calls.length;

    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(list); // removed and inserted in one go
    await settle();
    expect(mount?.childElementCount).toBeGreaterThan(0);
    expect(testRegistry.registry.size).toBe(1);
    expect(client.start).toHaveBeenCalledTimes(starts); // not restarted by the move
    expect(source.connects).toBe(1);

    list.remove();
    await settle();
    expect(mount?.childElementCount).toBe(0);
    expect(testRegistry.registry.size).toBe(0);
    expect(source.connected).toBe(false); // the element let go of every hold it took

    document.body.append(list); // back again: mounts again
    await vi.waitFor(() => expect(mount?.childElementCount).toBeGreaterThan(0));
  });
});
