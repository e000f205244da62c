/*
 * The part of `@opentelemetry/api` (1.x) that health metrics use, written
 * out structurally: a host's `MeterProvider` fits as it is, and the emitter
 * neither imports the API nor needs its types installed.
 */

/** Attributes of a measurement (ours are strings: health, state, reason, tool, source). */
export type MetricAttributesLike = Record<string, string>;

export interface ObservableResultLike {
  observe(value: number, attributes?: MetricAttributesLike): void;
}

export type ObservableCallbackLike = (result: ObservableResultLike) => void;

/** An `ObservableGauge` or `ObservableCounter`. */
export interface ObservableLike {
  addCallback(callback: ObservableCallbackLike): void;
  removeCallback(callback: ObservableCallbackLike): void;
}

/** A `Histogram`. */
export interface HistogramLike {
  record(value: number, attributes?: MetricAttributesLike): void;
}

export interface MetricOptionsLike {
  description?: string;
  unit?: string;
  /** Honoured by the SDK since API 1.7; older ones use their default buckets. */
  advice?: { explicitBucketBoundaries?: number[] };
}

/** A `Meter`. */
export interface MeterLike {
  createObservableGauge(name: string, options?: MetricOptionsLike): ObservableLike;
  createObservableCounter(name: string, options?: MetricOptionsLike): ObservableLike;
  createHistogram(name: string, options?: MetricOptionsLike): HistogramLike;
}

/** A `MeterProvider` of `@opentelemetry/api` 1.x (the SDK's, or `metrics.getMeterProvider()`). */
export interface MeterProviderLike {
  getMeter(name: string, version?: string): MeterLike;
}
