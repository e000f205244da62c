import { makeReceivedHeartbeat } from '@session-heartbeat/core/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defineSessionHeartbeatElements,
  SessionHeartbeatDotElement,
  SessionHeartbeatListElement,
} from './index';
import { createTestClient, settle, shadowOf } from './test-utils';

afterEach(() => {
  vi.restoreAllMocks();
});

function dotButton(dot: Element): HTMLButtonElement {
  const button = shadowOf(dot).querySelector<HTMLButtonElement>('button.shb-element-dot');
  if (button === null) throw new Error('no dot');
  return button;
}

describe('<session-heartbeat-dot>', () => {
  it('shows one session live, says it in its name, and selects it on click', async () => {
    const { client, source } = createTestClient();
    const dot = document.createElement('session-heartbeat-dot');
    dot.sessionKey = 'agent:main:main';
    dot.client = client;
    document.body.append(dot);
    await settle();
    source.snapshot([
      makeReceivedHeartbeat({ sessionKey: 'agent:main:main', state: 'streaming', at: Date.now() }),
      makeReceivedHeartbeat({ sessionKey: 'agent:ops:main', state: 'idle', at: Date.now() }),
    ]);
    client.flush();
    await vi.waitFor(() => expect(dotButton(dot)).toHaveAttribute('data-health', 'active'));
    expect(dotButton(dot)).toHaveAccessibleName('Active: agent:main:main');

    const selected = vi.fn();
    document.addEventListener('session-select', (event) => selected(event.detail));
    dotButton(dot).click();
    expect(selected).toHaveBeenCalledWith({ sessionKey: 'agent:main:main' });

    // Another session: the same element follows it.
    dot.setAttribute('session-key', 'agent:ops:main');
    await vi.waitFor(() => expect(dotButton(dot)).toHaveAttribute('data-health', 'idle'));
    dot.removeAttribute('session-key');
    await vi.waitFor(() => expect(shadowOf(dot).querySelector('button')).toBeNull());
  });

  it('is as big as the text by default, reads its size, and warns about a size it does not know', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { client } = createTestClient();
    const dot = document.createElement('session-heartbeat-dot');
    dot.client = client;
    dot.setAttribute('session-key', 'agent:main:main');
    document.body.append(dot);
    await vi.waitFor(() => expect(dotButton(dot)).toHaveAttribute('data-size', 'text'));
    expect(dot.size).toBe('text');
    dot.setAttribute('size', 'lg');
    await vi.waitFor(() => expect(dotButton(dot)).toHaveAttribute('data-size', 'lg'));
    dot.setAttribute('size', 'huge');
    await vi.waitFor(() => expect(dotButton(dot)).toHaveAttribute('data-size', 'text'));
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/<session-heartbeat-dot>: size="huge"/),
    );
  });

  it('keeps its click from the row and the link it sits in, unless click-through', async () => {
    const { client } = createTestClient();
    const table = document.createElement('table');
    table.innerHTML = '<tbody><tr><td><a href="#chat">agent:main:main</a></td></tr></tbody>';
    const link = table.querySelector('a') as HTMLAnchorElement;
    const dot = document.createElement('session-heartbeat-dot');
    dot.client = client;
    dot.sessionKey = 'agent:main:main';
    link.prepend(dot); // the worst place: inside the row's own link
    document.body.append(table);
    await settle();
    const rowClicks: boolean[] = []; // whether each click the row heard was cancelled
    table.querySelector('tr')?.addEventListener('click', (event) => {
      rowClicks.push(event.defaultPrevented);
    });
    const selected = vi.fn();
    dot.addEventListener('session-select', selected);

    dotButton(dot).click();
    expect(selected).toHaveBeenCalledTimes(1);
    expect(rowClicks).toEqual([]);

    dot.clickThrough = true;
    expect(dot).toHaveAttribute('click-through');
    await settle();
    dotButton(dot).click();
    expect(selected).toHaveBeenCalledTimes(2);
    // The row hears it, and the link may follow it (nothing cancelled it).
    expect(rowClicks).toEqual([false]);
    table.remove();
  });

  it('ignores a client property that is neither a client nor a source', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dot = document.createElement('session-heartbeat-dot');
    dot.client = { url: 'ws://example' } as unknown as SessionHeartbeatDotElement['client'];
    expect(dot.client).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/heartbeat client or a heartbeat source/),
    );
  });
});

describe('defineSessionHeartbeatElements', () => {
  it('registers both elements on import, and only where a name is free', () => {
    expect(customElements.get('session-heartbeat-list')).toBe(SessionHeartbeatListElement);
    expect(customElements.get('session-heartbeat-dot')).toBe(SessionHeartbeatDotElement);
    expect(defineSessionHeartbeatElements()).toEqual({ list: true, dot: true });

    class SomeoneElses extends HTMLElement {}
    customElements.define('taken-list', SomeoneElses);
    expect(defineSessionHeartbeatElements({ list: 'taken-list', dot: 'my-dot' })).toEqual({
      list: false,
      dot: true,
    });
    expect(customElements.get('taken-list')).toBe(SomeoneElses);
    expect(document.createElement('my-dot')).toBeInstanceOf(SessionHeartbeatDotElement);
  });

  it('applies properties a page set before the element was defined', async () => {
    const earlyDot = document.createElement('late-heartbeat-dot') as HTMLElement & {
      clickThrough?: boolean;
    };
    earlyDot.clickThrough = true;
    document.body.append(earlyDot);
    const { client, source } = createTestClient();
    const early = document.createElement('late-heartbeat-list') as HTMLElement & {
      client?: unknown;
    };
    early.client = client; // a plain property while the element is unknown
    document.body.append(early);
    defineSessionHeartbeatElements({ list: 'late-heartbeat-list', dot: 'late-heartbeat-dot' });
    expect(early).toBeInstanceOf(SessionHeartbeatListElement);
    await settle();
    expect(source.connected).toBe(true);
    expect((early as SessionHeartbeatListElement).client).toBe(client);
    expect(earlyDot).toBeInstanceOf(SessionHeartbeatDotElement);
    expect(earlyDot).toHaveAttribute('click-through');
  });
});
