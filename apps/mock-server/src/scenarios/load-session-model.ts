import type { SessionState } from '@session-heartbeat/core';
import type { Random } from './create-random';

/**
 * How one load session lives: which state follows which, and how long a
 * stay lasts. Each stay is drawn on its own from a log-normal distribution
 * (heavy-tailed: most tool calls are quick, a few take many times longer,
 * as real ones do), so no two sessions move together.
 *
 * The medians are a lifelike shape, not absolute times: the scenario
 * stretches or squeezes every stay by one factor so that the sessions make
 * the transitions per second asked for (10,000 sessions at 4,000/s stay
 * about 2.5 s in a state on average).
 */
interface StateShape {
  /** Median stay, before the scenario's stretch, ms. */
  medianMs: number;
  /** Spread of ln(stay): 0.5 is narrow; 1.2 gives stays 16× the median at the 99th percentile. */
  sigma: number;
  /** The states that may follow, with their probabilities (summing to 1). */
  next: readonly (readonly [SessionState, number])[];
}

export const LOAD_SESSION_MODEL: Readonly<Record<SessionState, StateShape>> = {
  idle: { medianMs: 20_000, sigma: 1.1, next: [['awaiting_model', 1]] },
  awaiting_model: {
    medianMs: 2500,
    sigma: 0.8,
    next: [
      ['streaming', 0.55],
      ['tool_exec', 0.45],
    ],
  },
  streaming: {
    medianMs: 5000,
    sigma: 0.7,
    next: [
      ['complete', 0.75],
      ['tool_exec', 0.25],
    ],
  },
  // 15 % of tool calls ask a person first; the approval leads back to the same tool.
  tool_exec: {
    medianMs: 3000,
    sigma: 1.2,
    next: [
      ['awaiting_model', 0.85],
      ['tool_wait', 0.15],
    ],
  },
  tool_wait: { medianMs: 12_000, sigma: 1, next: [['tool_exec', 1]] },
  complete: { medianMs: 1500, sigma: 0.5, next: [['idle', 1]] },
};

const STATES = Object.keys(LOAD_SESSION_MODEL) as SessionState[];

function shapeOf(state: SessionState): StateShape {
  return LOAD_SESSION_MODEL[state];
}

/** The mean of a stay in `state`, before the stretch. */
function meanStayMs(state: SessionState): number {
  const { medianMs, sigma } = shapeOf(state);
  return medianMs * Math.exp((sigma * sigma) / 2);
}

/** How often each state is entered in the long run (the chain's stationary distribution). */
function visitShares(): ReadonlyMap<SessionState, number> {
  let shares = new Map(STATES.map((state) => [state, 1 / STATES.length]));
  for (let round = 0; round < 500; round += 1) {
    const next = new Map(STATES.map((state) => [state, 0]));
    for (const state of STATES) {
      for (const [to, probability] of shapeOf(state).next) {
        next.set(to, (next.get(to) ?? 0) + (shares.get(state) ?? 0) * probability);
      }
    }
    shares = next;
  }
  return shares;
}

const VISITS = visitShares();

/** The mean stay over all visits, before the stretch. */
const MEAN_STAY_MS = STATES.reduce(
  (sum, state) => sum + (VISITS.get(state) ?? 0) * meanStayMs(state),
  0,
);

const TIME_SHARES: ReadonlyMap<SessionState, number> = new Map(
  STATES.map((state) => [state, ((VISITS.get(state) ?? 0) * meanStayMs(state)) / MEAN_STAY_MS]),
);

/** The share of time a session spends in each state, in the long run. */
export function loadStateShares(): ReadonlyMap<SessionState, number> {
  return TIME_SHARES;
}

/**
 * The factor on every stay that makes `sessions` sessions change state
 * `rate` times per second in total.
 */
export function loadStretch(sessions: number, rate: number): number {
  return (sessions * 1000) / (rate * MEAN_STAY_MS);
}

function standardNormal(random: Random): number {
  // Box–Muller; 1 − next() is in (0, 1], so the logarithm is finite.
  const radius = Math.sqrt(-2 * Math.log(1 - random.next()));
  return radius * Math.cos(2 * Math.PI * random.next());
}

/** One stay in `state`, stretched, ms. */
export function drawStayMs(state: SessionState, stretch: number, random: Random): number {
  const { medianMs, sigma } = shapeOf(state);
  return stretch * medianMs * Math.exp(sigma * standardNormal(random));
}

/** The state after `state`. */
export function drawNextState(state: SessionState, random: Random): SessionState {
  const { next } = shapeOf(state);
  let roll = random.next();
  for (const [to, probability] of next) {
    roll -= probability;
    if (roll < 0) return to;
  }
  return next[next.length - 1]?.[0] ?? 'idle';
}

/**
 * Where a session is when the scenario starts, as if it had been running
 * for ever: a state by its share of time, and what is left of a stay in it
 * (a stay seen in progress is a long one more often than not, so it is
 * drawn length-biased: for a log-normal, μ + σ²). Starting everyone idle
 * would make the first minute a wave.
 */
export function drawStartingPoint(
  stretch: number,
  random: Random,
): { state: SessionState; remainingMs: number } {
  let roll = random.next();
  let state: SessionState = 'idle';
  for (const [candidate, share] of TIME_SHARES) {
    state = candidate;
    roll -= share;
    if (roll < 0) break;
  }
  const { medianMs, sigma } = shapeOf(state);
  const biased = medianMs * Math.exp(sigma * sigma + sigma * standardNormal(random));
  return { state, remainingMs: stretch * biased * random.next() };
}

/** Pr(Z > z) for a standard normal Z (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** Terms summed one by one; beyond them, the tail is integrated. */
const EXACT_TERMS = 2000;

/**
 * How many periodic beats fall within one stay in `state`, on average: the
 * emitter beats `intervalMs` after a session's previous heartbeat, so a stay
 * of length D holds one for every k ≥ 1 with k × interval < D, and the mean
 * is Σ Pr(D > k × interval).
 */
function periodicBeatsPerStay(state: SessionState, stretch: number, intervalMs: number): number {
  const { medianMs, sigma } = shapeOf(state);
  const mu = Math.log(stretch * medianMs);
  let sum = 0;
  for (let k = 1; k <= EXACT_TERMS; k += 1) {
    const term = upperTail((Math.log(k * intervalMs) - mu) / sigma);
    sum += term;
    if (term < 1e-12) return sum;
  }
  // Σ over k > K of Pr(D > k·I) ≈ E[(D − a)⁺] / I with a = (K + ½)·I (log-normal partial mean).
  const a = (EXACT_TERMS + 0.5) * intervalMs;
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  const above = mean * upperTail((Math.log(a) - mu - sigma * sigma) / sigma);
  return sum + (above - a * upperTail((Math.log(a) - mu) / sigma)) / intervalMs;
}

/**
 * The heartbeats per second, transitions and periodic beats together, that
 * `sessions` load sessions send at `rate` transitions per second with the
 * periodic `intervalMs`. A stay longer than the interval adds periodic
 * beats, so this is more than `rate`; at rate 0 it is the periodic beats
 * alone, `sessions / interval`.
 */
export function loadHeartbeatsPerSecond(
  sessions: number,
  rate: number,
  intervalMs: number,
): number {
  if (sessions === 0) return 0;
  if (rate <= 0) return (sessions * 1000) / intervalMs;
  const stretch = loadStretch(sessions, rate);
  let periodicPerVisit = 0;
  for (const state of STATES) {
    periodicPerVisit += (VISITS.get(state) ?? 0) * periodicBeatsPerStay(state, stretch, intervalMs);
  }
  return rate * (1 + periodicPerVisit);
}

/**
 * The load scenario's `rate` (transitions per second in total) at which
 * `sessions` sessions send `heartbeatsPerSecond` heartbeats per second in
 * total, periodic beats included: the inverse of
 * {@link loadHeartbeatsPerSecond}, by bisection (it grows with the rate).
 * Throws a RangeError below the periodic beats alone.
 */
export function loadRateForHeartbeats(
  sessions: number,
  heartbeatsPerSecond: number,
  intervalMs: number,
): number {
  const periodicPerSecond = (sessions * 1000) / intervalMs;
  if (heartbeatsPerSecond < periodicPerSecond) {
    throw new RangeError(
      `${sessions} sessions at ${intervalMs} ms make ${periodicPerSecond} heartbeats/s at least, not ${heartbeatsPerSecond}`,
    );
  }
  if (heartbeatsPerSecond === periodicPerSecond) return 0;
  let low = 0;
  let high = heartbeatsPerSecond;
  for (let round = 0; round < 60; round += 1) {
    const middle = (low + high) / 2;
    if (loadHeartbeatsPerSecond(sessions, middle, intervalMs) < heartbeatsPerSecond) low = middle;
    else high = middle;
  }
  return Math.round(((low + high) / 2) * 10) / 10;
}
