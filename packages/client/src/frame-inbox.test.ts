import { describe, expect, it } from 'vitest';
import type { ReceivedHeartbeat, ServerFrame } from '@session-heartbeat/core';
import { makeReceivedHeartbeat, T0 } from './test-utils';
import { createFrameInbox } from './frame-inbox';

const beat = (sessionKey: string, seq: number, fields: Partial<ReceivedHeartbeat> = {}) =>
  makeReceivedHeartbeat({ sessionKey, seq, ...fields });

function snapshot(epoch: string, heartbeats: ReceivedHeartbeat[]): ServerFrame {
  return { type: 'snapshot', serverTime: T0, epoch, interval: 5000, heartbeats };
}

function heartbeats(...list: ReceivedHeartbeat[]): ServerFrame {
  return { type: 'heartbeats', serverTime: T0, heartbeats: list };
}

describe('createFrameInbox', () => {
  it('ignores duplicates and out-of-order heartbeats within an epoch', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 5)]), T0);
    expect(inbox.accept(heartbeats(beat('a', 5)), T0)).toBe(1); // duplicate
    expect(inbox.accept(heartbeats(beat('a', 4)), T0)).toBe(1); // out of order
    expect(inbox.accept(heartbeats(beat('a', 7)), T0)).toBe(0);
    expect(inbox.accept(heartbeats(beat('a', 6)), T0)).toBe(1); // older than the one waiting
    const batch = inbox.take();
    expect(batch?.upserts.get('a')?.heartbeat.seq).toBe(7);
    expect(inbox.accept(heartbeats(beat('a', 7)), T0)).toBe(1); // still known after the flush
  });

  it('keeps one pending heartbeat per session, however many arrive', () => {
    const inbox = createFrameInbox();
    for (let seq = 1; seq <= 1000; seq += 1) {
      inbox.accept(heartbeats(beat('a', seq), beat('b', seq)), T0 + seq);
    }
    const batch = inbox.take();
    expect(batch?.upserts.size).toBe(2);
    expect(batch?.upserts.get('b')).toEqual({ heartbeat: beat('b', 1000), receivedAt: T0 + 1000 });
    expect(inbox.take()).toBeUndefined();
  });

  it('forgets every seq on a new epoch', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 90)]), T0);
    inbox.take();
    inbox.accept(snapshot('e2', [beat('a', 1)]), T0);
    expect(inbox.epoch).toBe('e2');
    const batch = inbox.take();
    expect(batch?.resync?.epoch).toBe('e2');
    expect(batch?.heardAt).toBe(T0);
    expect(batch?.upserts.get('a')?.heartbeat.seq).toBe(1);
    expect(inbox.accept(heartbeats(beat('a', 2)), T0)).toBe(0);
  });

  it('a snapshot lists what survives; the same seq again is nothing to apply', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 3), beat('b', 3)]), T0);
    inbox.take();
    inbox.accept(snapshot('e1', [beat('a', 3)]), T0); // b was removed while we were away
    const batch = inbox.take();
    expect([...(batch?.resync?.listed ?? [])]).toEqual(['a']);
    expect(batch?.upserts.size).toBe(0);
    // b is forgotten: if it comes back, its seq 1 is accepted.
    expect(inbox.accept(heartbeats(beat('b', 1)), T0)).toBe(0);
  });

  it('a removal drops what waits for that session; frames after a snapshot count as listed', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 1), beat('b', 1)]), T0);
    inbox.accept(heartbeats(beat('c', 1)), T0);
    inbox.accept({ type: 'removed', serverTime: T0, sessionKey: 'a' }, T0);
    inbox.accept({ type: 'ping', serverTime: T0 + 9 }, T0);
    const batch = inbox.take();
    expect([...(batch?.resync?.listed ?? [])].sort()).toEqual(['b', 'c']);
    expect([...(batch?.upserts.keys() ?? [])].sort()).toEqual(['b', 'c']);
    expect([...(batch?.removals ?? [])]).toEqual(['a']);
    expect(batch?.heardAt).toBe(T0 + 9);
  });
});

describe('createFrameInbox: a snapshot resyncs every session it lists', () => {
  it('takes a same-epoch snapshot whose seq went back, and the beats that follow it', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 90), beat('b', 7)]), T0);
    inbox.take();
    // `a` was removed and re-created while the connection was down, by an
    // emitter that started its numbering over: the snapshot is the truth.
    expect(inbox.accept(snapshot('e1', [beat('a', 1), beat('b', 7)]), T0)).toBe(0);
    const batch = inbox.take();
    expect(batch?.upserts.get('a')?.heartbeat.seq).toBe(1);
    expect(batch?.upserts.has('b')).toBe(false); // the same heartbeat: nothing to apply
    expect(inbox.accept(heartbeats(beat('a', 2)), T0)).toBe(0);
    expect(inbox.take()?.upserts.get('a')?.heartbeat.seq).toBe(2);
  });

  it('a snapshot wins over a heartbeat still waiting from before it', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 1)]), T0);
    inbox.take();
    inbox.accept(heartbeats(beat('a', 40, { state: 'streaming' })), T0); // the old connection's last word
    inbox.accept(snapshot('e1', [beat('a', 3)]), T0); // the reconnect's snapshot
    expect(inbox.take()?.upserts.get('a')?.heartbeat).toMatchObject({ seq: 3, state: 'idle' });
    expect(inbox.accept(heartbeats(beat('a', 4)), T0)).toBe(0);
  });

  it('two snapshots in one batch (a poll answer and the socket’s), the second the same: the first’s news is still applied', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 3)]), T0);
    inbox.take();
    inbox.accept(snapshot('e1', [beat('a', 14)]), T0 + 1);
    inbox.accept(snapshot('e1', [beat('a', 14)]), T0 + 2);
    expect(inbox.take()?.upserts.get('a')?.heartbeat.seq).toBe(14);
  });
});

describe('createFrameInbox: what a batch holds, and what it counts as stale', () => {
  it('a new inbox has nothing to take, and a ping counts nothing as stale', () => {
    const inbox = createFrameInbox();
    expect(inbox.take()).toBeUndefined();
    expect(inbox.accept({ type: 'ping', serverTime: T0 + 5 }, T0)).toBe(0);
    expect(inbox.take()).toMatchObject({ heardAt: T0 + 5 });
  });

  it('a snapshot counts nothing it lists as stale: it is the truth, even a lower seq (a re-created session)', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 5), beat('b', 5)]), T0);
    inbox.take();
    expect(inbox.accept(snapshot('e1', [beat('a', 4), beat('b', 5)]), T0)).toBe(0);
    expect(inbox.take()?.upserts.get('a')?.heartbeat.seq).toBe(4);
    expect(inbox.accept(heartbeats(beat('a', 4)), T0)).toBe(1); // a repeat after it is stale
  });

  it('a heartbeat waiting for a session that a same-epoch snapshot no longer lists is dropped', () => {
    const inbox = createFrameInbox();
    inbox.accept(snapshot('e1', [beat('a', 1), beat('b', 1)]), T0);
    inbox.take();
    inbox.accept(heartbeats(beat('b', 2)), T0);
    inbox.accept(snapshot('e1', [beat('a', 1)]), T0); // b ended after its last beat
    const batch = inbox.take();
    expect(batch?.upserts.has('b')).toBe(false);
    expect([...(batch?.resync?.listed ?? [])]).toEqual(['a']);
  });
});
