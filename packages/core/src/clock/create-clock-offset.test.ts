import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T0 } from '../test-utils';
import { createClockOffset } from './create-clock-offset';

const HOUR = 3_600_000;

describe('createClockOffset', () => {
  it('is zero before any sample', () => {
    const clock = createClockOffset();
    expect(clock.offsetMs).toBe(0);
    expect(clock.serverNow(T0)).toBe(T0);
  });

  it.each([
    ['an hour behind', HOUR],
    ['an hour ahead', -HOUR],
    ['in step', 0],
  ])('gives the server time when the local clock is %s', (_label, trueOffset) => {
    const clock = createClockOffset();
    // Frames sent every 5 s arrive after 5–80 ms of one-way delay.
    const delays = [40, 80, 5, 60, 30, 12, 70];
    delays.forEach((delay, index) => {
      const serverTime = T0 + index * 5_000;
      clock.addSample({ serverTime, receivedAt: serverTime - trueOffset + delay });
    });
    // The least-delayed sample wins: the estimate is within 5 ms of the truth.
    expect(Math.abs(clock.offsetMs - trueOffset)).toBeLessThanOrEqual(5);
    const localNow = T0 + 100_000 - trueOffset;
    expect(Math.abs(clock.serverNow(localNow) - (T0 + 100_000))).toBeLessThanOrEqual(5);
  });

  it('uses the midpoint when the send time is known', () => {
    const clock = createClockOffset();
    // 100 ms round trip, the server answered halfway: the midpoint is exact.
    clock.addSample({ serverTime: T0 + HOUR + 50, sentAt: T0, receivedAt: T0 + 100 });
    expect(clock.offsetMs).toBe(HOUR);
  });

  it('ignores a single outlier far above the rest', () => {
    const clock = createClockOffset();
    for (let index = 0; index < 5; index++)
      clock.addSample({ serverTime: T0 + index, receivedAt: T0 + index + 20 });
    clock.addSample({ serverTime: T0 + 10 * HOUR, receivedAt: T0 + 10 });
    expect(clock.offsetMs).toBe(-20);
  });

  it('follows a server clock that was stepped, once the window has moved on', () => {
    const clock = createClockOffset({ windowSize: 4 });
    for (let index = 0; index < 4; index++) clock.addSample({ serverTime: T0, receivedAt: T0 });
    for (let index = 0; index < 4; index++)
      clock.addSample({ serverTime: T0 + HOUR, receivedAt: T0 });
    expect(clock.offsetMs).toBe(HOUR);
  });

  it('ignores samples that are not clock readings', () => {
    const clock = createClockOffset();
    clock.addSample({ serverTime: T0 + 500, receivedAt: T0 });
    clock.addSample({ serverTime: Number.NaN, receivedAt: T0 });
    clock.addSample({ serverTime: Infinity, receivedAt: T0 });
    clock.addSample({ serverTime: 1e300, receivedAt: T0 });
    clock.addSample({ serverTime: -5, receivedAt: T0 });
    clock.addSample({ serverTime: T0, receivedAt: Number.NaN });
    expect(clock.offsetMs).toBe(500);
    expect(clock.sampleCount).toBe(1);
  });

  it('follows a local clock that jumped forward once half the window agrees', () => {
    const clock = createClockOffset({ windowSize: 8 });
    for (let index = 0; index < 8; index++)
      clock.addSample({ serverTime: T0 + index, receivedAt: T0 + index });
    // The laptop's clock was stepped an hour ahead: new samples sit an hour lower.
    for (let index = 0; index < 3; index++) {
      clock.addSample({ serverTime: T0 + index, receivedAt: T0 + HOUR + index });
    }
    expect(clock.offsetMs).toBe(0);
    clock.addSample({ serverTime: T0 + 3, receivedAt: T0 + HOUR + 3 });
    expect(clock.offsetMs).toBe(-HOUR);
  });

  it('forgets everything on reset', () => {
    const clock = createClockOffset();
    clock.addSample({ serverTime: T0 + 500, receivedAt: T0 });
    clock.reset();
    expect(clock.offsetMs).toBe(0);
    expect(clock.sampleCount).toBe(0);
  });

  it('returns integer server times', () => {
    const clock = createClockOffset();
    clock.addSample({ serverTime: T0 + 51, sentAt: T0, receivedAt: T0 + 3 });
    expect(Number.isInteger(clock.serverNow(T0 + 0.4))).toBe(true);
  });

  it('never lands further from the truth than the smallest one-way delay (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 16 }),
        (trueOffset, delays) => {
          const clock = createClockOffset();
          delays.forEach((delay, index) => {
            const serverTime = T0 + index * 1_000;
            clock.addSample({ serverTime, receivedAt: serverTime - trueOffset + delay });
          });
          const error = trueOffset - clock.offsetMs;
          expect(error).toBeGreaterThanOrEqual(0);
          expect(error).toBeLessThanOrEqual(Math.min(...delays));
        },
      ),
    );
  });
});

describe('createClockOffset: a request held for seconds', () => {
  it('an answer that took 6 s (held by a partition, answered at its end) does not push the estimate ahead', () => {
    const clock = createClockOffset();
    // Sent at 0 s, held 5.6 s by the network, answered at once when it healed.
    const sentAt = T0;
    const receivedAt = T0 + 5600;
    clock.addSample({ serverTime: receivedAt - 20, sentAt, receivedAt });
    // The truth: the server's clock equals ours; only the 20 ms delivery may be lost.
    expect(clock.offsetMs).toBeLessThanOrEqual(0);
    expect(clock.offsetMs).toBeGreaterThanOrEqual(-20);
  });
});
