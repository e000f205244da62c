/**
 * One reading of the server's clock: `serverTime` from a frame or body, and
 * the local time it arrived. When the local send time of a request is known
 * (HTTP), pass it too: it bounds the delay from both sides.
 */
export interface ClockSample {
  serverTime: number;
  receivedAt: number;
  sentAt?: number;
}

/** A round trip longer than this says nothing about where the server's answer sat in it. */
const MAX_MIDPOINT_ROUND_TRIP_MS = 1000;

/** The largest time a `Date` can hold. */
const MAX_DATE_MS = 8.64e15;

export interface ClockOffsetOptions {
  /**
   * How many recent samples to keep. Larger windows smooth network jitter;
   * smaller ones follow a server clock that was stepped sooner.
   * @default 16
   */
  windowSize?: number;
  /**
   * A sample this far above the window's median is an outlier (a server
   * clock glitch) and is ignored while the window disagrees with it.
   * @default 1000
   */
  outlierMs?: number;
}

export interface ClockOffset {
  /** Feeds one reading; returns the new offset estimate. */
  addSample(sample: ClockSample): number;
  /** Estimated `serverClock − localClock` in ms (0 before any sample). */
  readonly offsetMs: number;
  /** How many samples are in the window. */
  readonly sampleCount: number;
  /** The server's clock at local time `localNow`, as an integer ms. */
  serverNow(localNow: number): number;
  /** Forgets every sample (a new server run may have another clock). */
  reset(): void;
}

/**
 * Estimates the server's clock from `serverTime` samples, robust to one-way
 * delay and outliers.
 *
 * A sample taken on arrival is `serverTime − receivedAt = offset − delay`,
 * and delay is never negative: each sample is a lower bound of the offset, and
 * the sample with the least delay is the closest. So the estimate is the
 * highest sample in a sliding window (the classic minimum-delay filter),
 * after dropping samples that stand far above the window's median. When the
 * send time is known, the midpoint `serverTime − (sentAt + receivedAt) / 2`
 * is used instead (for a round trip of up to 1 s): its error is at most half
 * the round trip.
 */
export function createClockOffset({
  windowSize = 16,
  outlierMs = 1000,
}: ClockOffsetOptions = {}): ClockOffset {
  const samples: number[] = [];
  let offsetMs = 0;

  function estimate(): number {
    if (samples.length === 0) return 0;
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    // Only a window of at least three can outvote a glitch.
    const ceiling = sorted.length >= 3 ? median + outlierMs : Infinity;
    let best = -Infinity;
    for (const value of sorted) if (value <= ceiling) best = value;
    return best;
  }

  return {
    addSample({ serverTime, receivedAt, sentAt }) {
      // A serverTime no Date can hold (1e300, negative) is not a clock reading.
      if (!(serverTime >= 0 && serverTime <= MAX_DATE_MS) || !Number.isFinite(receivedAt)) {
        return offsetMs;
      }
      // The midpoint is off by up to half the round trip, either way: fine
      // for a quick request, but an answer held for seconds (a partition
      // that healed) would push the estimate ahead by that much, and every
      // session would look older than it is. Then the lower bound serves.
      const sample =
        sentAt !== undefined &&
        Number.isFinite(sentAt) &&
        sentAt <= receivedAt &&
        receivedAt - sentAt <= MAX_MIDPOINT_ROUND_TRIP_MS
          ? serverTime - (sentAt + receivedAt) / 2
          : serverTime - receivedAt;
      samples.push(sample);
      if (samples.length > windowSize) samples.shift();
      offsetMs = estimate();
      return offsetMs;
    },
    get offsetMs() {
      return offsetMs;
    },
    get sampleCount() {
      return samples.length;
    },
    serverNow(localNow) {
      return Math.round(localNow + offsetMs);
    },
    reset() {
      samples.length = 0;
      offsetMs = 0;
    },
  };
}
