import {
  parseThresholdsBody,
  resolveRoute,
  Routes,
  type ThresholdConfig,
  type ThresholdsBody,
} from '@session-heartbeat/core';
import { useCallback, useEffect, useState } from 'react';

/**
 * The thresholds the server classifies with, for its `/metrics` and alerts.
 * `served`: the dashboard classifies with the same ones, so that both agree.
 * `absent`: not known yet, or a server without `GET /api/sessions/thresholds`;
 * the dashboard's own settings apply.
 */
export type ServerThresholds =
  { status: 'absent' } | { status: 'served'; thresholds: ThresholdConfig; canChange: boolean };

export interface ServerThresholdsApi {
  server: ServerThresholds;
  /** Replaces them on the server; resolves with why it refused (its message names the field), or `undefined`. */
  save(thresholds: ThresholdConfig): Promise<string | undefined>;
}

const ABSENT: ServerThresholds = { status: 'absent' };

function served(body: ThresholdsBody): ServerThresholds {
  return { status: 'served', thresholds: body.thresholds, canChange: body.canChange };
}

function headers(token: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    ...(token === '' ? {} : { Authorization: `Bearer ${token}` }),
  };
}

/** The contract's error message, if the body is one. */
function errorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error } = body as { error?: { message?: unknown } };
  return typeof error?.message === 'string' ? error.message : undefined;
}

/** Reads the server's thresholds once per server and token, and saves them. */
export function useServerThresholds(baseUrl: string, token: string): ServerThresholdsApi {
  const source = `${baseUrl} ${token}`;
  // Kept with the server they came from: another server's are not these.
  const [state, setState] = useState<{ source: string; server: ServerThresholds }>({
    source,
    server: ABSENT,
  });

  useEffect(() => {
    const controller = new AbortController();
    fetch(resolveRoute(baseUrl, Routes.thresholds), {
      headers: headers(token),
      signal: controller.signal,
    })
      .then(async (response) => (response.ok ? parseThresholdsBody(await response.json()) : null))
      .then((body) => setState({ source, server: body?.ok ? served(body.value) : ABSENT }))
      .catch(() => {
        // Aborted, or unreachable: the dashboard's own settings stay in force.
      });
    return () => controller.abort();
  }, [baseUrl, token, source]);

  const save = useCallback(
    async (thresholds: ThresholdConfig): Promise<string | undefined> => {
      try {
        const response = await fetch(resolveRoute(baseUrl, Routes.thresholds), {
          method: 'PUT',
          headers: headers(token),
          body: JSON.stringify(thresholds),
        });
        const json: unknown = await response.json().catch(() => undefined);
        if (!response.ok) {
          return errorMessage(json) ?? `the server answered ${response.status}`;
        }
        const body = parseThresholdsBody(json);
        if (!body.ok) return body.error;
        setState({ source, server: served(body.value) });
        return undefined;
      } catch {
        return 'the server could not be reached';
      }
    },
    [baseUrl, token, source],
  );

  return { server: state.source === source ? state.server : ABSENT, save };
}
