import type {
  DashboardSettings,
  ThemeChoice,
  ThresholdRule,
  TransportChoice,
} from './dashboard-settings';

/** The longest threshold a field accepts: a day. */
export const MAX_SECONDS = 86_400;
/** A loop needs a second call with the same input; more than 100 is no longer a warning. */
export const MIN_REPEATS = 2;
export const MAX_REPEATS = 100;

/** One row of the per-tool or per-model table as typed (strings, possibly empty). */
export interface RuleDraft {
  /** Stable identity for React keys and field ids, never saved. */
  id: string;
  pattern: string;
  stallAfter: string;
  unresponsiveAfter: string;
}

/** The form as typed. */
export interface SettingsDraft {
  stallAfter: string;
  unresponsiveAfter: string;
  turnMax: string;
  loopAfter: string;
  byTool: RuleDraft[];
  byModel: RuleDraft[];
  transport: TransportChoice;
  theme: ThemeChoice;
  alerts: boolean;
  serverUrl: string;
  token: string;
}

/** Field name → message. Rule fields are `byTool.<id>.pattern` and so on. */
export type SettingsErrors = Record<string, string>;

export type ValidationResult =
  | { ok: true; settings: DashboardSettings; serverUrl: string; token: string }
  | { ok: false; errors: SettingsErrors };

let nextRuleId = 0;

export function newRuleId(): string {
  nextRuleId += 1;
  return `rule-${nextRuleId}`;
}

function secondsText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

export function toRuleDraft(rule: ThresholdRule): RuleDraft {
  return {
    id: newRuleId(),
    pattern: rule.pattern,
    stallAfter: secondsText(rule.stallAfterSeconds),
    unresponsiveAfter: secondsText(rule.unresponsiveAfterSeconds),
  };
}

export function toDraft(
  settings: DashboardSettings,
  serverUrl: string,
  token: string,
): SettingsDraft {
  return {
    stallAfter: String(settings.stallAfterSeconds),
    unresponsiveAfter: String(settings.unresponsiveAfterSeconds),
    turnMax: String(settings.turnMaxSeconds),
    loopAfter: String(settings.loopAfterRepeats),
    byTool: settings.byTool.map(toRuleDraft),
    byModel: settings.byModel.map(toRuleDraft),
    transport: settings.transport,
    theme: settings.theme,
    alerts: settings.alerts,
    serverUrl,
    token,
  };
}

/**
 * Whole seconds in `[min, MAX_SECONDS]`, or the message that says what to type.
 * Empty is `undefined` when `optional`.
 */
function parseSeconds(
  text: string,
  min: number,
  optional: boolean,
): { value: number | undefined } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') {
    return optional ? { value: undefined } : { error: 'Enter a number of seconds.' };
  }
  if (!/^\d+$/.test(trimmed)) {
    return { error: `Enter whole seconds, from ${min} to ${MAX_SECONDS}.` };
  }
  const value = Number(trimmed);
  if (value < min || value > MAX_SECONDS) {
    return { error: `Enter whole seconds, from ${min} to ${MAX_SECONDS}.` };
  }
  return { value };
}

function parseRepeats(text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  const message = `Enter a whole number of calls, from ${MIN_REPEATS} to ${MAX_REPEATS}.`;
  if (!/^\d+$/.test(trimmed)) return { error: message };
  const value = Number(trimmed);
  return value < MIN_REPEATS || value > MAX_REPEATS ? { error: message } : { value };
}

function validatePattern(pattern: string, noun: 'tool' | 'model'): string | undefined {
  if (pattern === '') return `Enter a ${noun} name, or a prefix ending in *.`;
  if (pattern.length > 200) return `Keep the ${noun} name under 200 characters.`;
  if (/\s/.test(pattern)) return `A ${noun} name has no spaces.`;
  const star = pattern.indexOf('*');
  if (star !== -1 && star !== pattern.length - 1) {
    return `Use * only at the end, e.g. ${noun === 'tool' ? 'browser_*' : 'ollama/*'}.`;
  }
  return undefined;
}

function validateRules(
  drafts: readonly RuleDraft[],
  table: 'byTool' | 'byModel',
  minUnresponsive: number,
  errors: SettingsErrors,
): ThresholdRule[] {
  const noun = table === 'byTool' ? 'tool' : 'model';
  const seen = new Set<string>();
  const rules: ThresholdRule[] = [];
  for (const draft of drafts) {
    const field = (name: string) => `${table}.${draft.id}.${name}`;
    const pattern = draft.pattern.trim();
    const patternError =
      validatePattern(pattern, noun) ??
      (seen.has(pattern) ? `“${pattern}” is already in the list.` : undefined);
    if (patternError !== undefined) errors[field('pattern')] = patternError;
    seen.add(pattern);
    const stall = parseSeconds(draft.stallAfter, 1, true);
    const silent = parseSeconds(draft.unresponsiveAfter, minUnresponsive, true);
    if ('error' in stall) errors[field('stallAfter')] = stall.error;
    if ('error' in silent) errors[field('unresponsiveAfter')] = silent.error;
    if ('value' in stall && 'value' in silent) {
      if (stall.value === undefined && silent.value === undefined) {
        errors[field('stallAfter')] = 'Set a stall limit, an unresponsive limit, or both.';
      } else if (patternError === undefined) {
        const rule: ThresholdRule = { pattern };
        if (stall.value !== undefined) rule.stallAfterSeconds = stall.value;
        if (silent.value !== undefined) rule.unresponsiveAfterSeconds = silent.value;
        rules.push(rule);
      }
    }
  }
  return rules;
}

/** `text` without its trailing slashes, in one pass (`/\/+$/` backtracks quadratically). */
function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end -= 1;
  return text.slice(0, end);
}

function validateServerUrl(text: string): { value: string } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: '' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      error: 'Enter a full address such as https://gateway.local:18789, or leave it empty.',
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: 'Use an http:// or https:// address.' };
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return { error: 'Leave credentials out of the address: put the token in the Token field.' };
  }
  // The client resolves `/api/...` against it: a trailing path is the API's prefix.
  return { value: withoutTrailingSlashes(url.href) };
}

/**
 * Checks the form and turns it into settings. Every problem is reported at
 * once, keyed by field, in words that say what to type.
 *
 * @param minUnresponsiveSeconds the smallest silence limit that makes sense:
 *   sessions beat every `interval`, so less would flag healthy ones.
 */
export function validateSettings(
  draft: SettingsDraft,
  minUnresponsiveSeconds: number,
): ValidationResult {
  const errors: SettingsErrors = {};
  const stall = parseSeconds(draft.stallAfter, 1, false);
  const silent = parseSeconds(draft.unresponsiveAfter, minUnresponsiveSeconds, false);
  if ('error' in stall) errors.stallAfter = stall.error;
  if ('error' in silent) errors.unresponsiveAfter = silent.error;
  const turnMax = parseSeconds(draft.turnMax, 1, false);
  const loopAfter = parseRepeats(draft.loopAfter);
  if ('error' in turnMax) errors.turnMax = turnMax.error;
  if ('error' in loopAfter) errors.loopAfter = loopAfter.error;
  const byTool = validateRules(draft.byTool, 'byTool', minUnresponsiveSeconds, errors);
  const byModel = validateRules(draft.byModel, 'byModel', minUnresponsiveSeconds, errors);
  const serverUrl = validateServerUrl(draft.serverUrl);
  if ('error' in serverUrl) errors.serverUrl = serverUrl.error;
  const token = draft.token.trim();
  if (/\s/.test(token)) errors.token = 'A token has no spaces.';
  if (
    'error' in stall ||
    'error' in silent ||
    'error' in serverUrl ||
    'error' in turnMax ||
    'error' in loopAfter ||
    stall.value === undefined ||
    silent.value === undefined ||
    turnMax.value === undefined ||
    Object.keys(errors).length > 0
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    settings: {
      stallAfterSeconds: stall.value,
      unresponsiveAfterSeconds: silent.value,
      turnMaxSeconds: turnMax.value,
      loopAfterRepeats: loopAfter.value,
      byTool,
      byModel,
      transport: draft.transport,
      theme: draft.theme,
      alerts: draft.alerts,
    },
    serverUrl: serverUrl.value,
    token,
  };
}
