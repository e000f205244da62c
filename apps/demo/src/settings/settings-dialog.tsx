import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ThemeChoice, TransportChoice } from './dashboard-settings';
import { ChoiceGroup, type Choice } from './choice-group';
import { RuleTable } from './rule-table';
import { TextField } from './text-field';
import type { DashboardConfig } from './use-dashboard-settings';
import {
  toDraft,
  validateSettings,
  type SettingsDraft,
  type SettingsErrors,
} from './validate-settings';
import {
  requestNotificationPermission,
  useNotificationPermission,
  type NotificationAccess,
} from '../alerts/use-notification-permission';
import './settings-dialog.css';

export interface SettingsDialogProps {
  config: DashboardConfig;
  /** The server's emission interval in ms: silence limits below it would flag healthy sessions. */
  intervalMs: number;
  /** The field to start at. @default the first one */
  initialFocus?: 'token' | 'alerts' | undefined;
  /**
   * Whose thresholds the dialog edits: the dashboard's own (`local`), the
   * server's (`server`: saving changes its alerts too), or the server's
   * without the right to change them (`server-read-only`: shown, not editable).
   * @default 'local'
   */
  thresholdsFrom?: 'local' | 'server' | 'server-read-only';
  onSave: (config: DashboardConfig) => void;
  onClose: () => void;
}

const TRANSPORTS: Choice<TransportChoice>[] = [
  { value: 'auto', label: 'Auto', hint: 'Push, and polling while push is unavailable.' },
  { value: 'push', label: 'Push', hint: 'WebSocket only.' },
  { value: 'poll', label: 'Poll', hint: 'HTTP polling only, every heartbeat interval.' },
];

const THEMES: Choice<ThemeChoice>[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** What the alerts can do with this permission, said where they are turned on. */
function notificationHint(access: NotificationAccess): string {
  switch (access) {
    case 'unsupported':
      return 'This browser has no notifications: the page title still shows the count.';
    case 'granted':
      return 'Browser notifications are allowed.';
    case 'denied':
      return "Notifications are blocked for this site, so alerts show only in the page title. Allow notifications in the browser's site settings to get them.";
    case 'default':
      return 'The browser will ask whether this page may notify you.';
    default:
      return access satisfies never;
  }
}

/** Field ids in the order they appear, so the first error gets focus. */
function firstInvalid(errors: SettingsErrors): string | undefined {
  const fields = Object.keys(errors);
  const elements = fields
    .map((id) => document.getElementById(id))
    .filter((element): element is HTMLElement => element !== null);
  elements.sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  return elements[0]?.id;
}

/**
 * Settings in a modal dialog (native `<dialog>`: focus stays inside, Escape
 * cancels, focus returns to the opener). Nothing applies until Save; every
 * problem is listed at once and again beside its field.
 */
export function SettingsDialog({
  config,
  intervalMs,
  initialFocus,
  thresholdsFrom = 'local',
  onSave,
  onClose,
}: SettingsDialogProps) {
  const thresholdsReadOnly = thresholdsFrom === 'server-read-only';
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<SettingsDraft>(() =>
    toDraft(config.settings, config.serverUrl, config.token),
  );
  const [submitted, setSubmitted] = useState(false);
  const notificationAccess = useNotificationPermission();
  const minUnresponsive = Math.ceil(intervalMs / 1000) + 1;
  // Once the user has tried to save, errors follow their typing.
  const validation = submitted ? validateSettings(draft, minUnresponsive) : undefined;
  const errors: SettingsErrors = validation === undefined || validation.ok ? {} : validation.errors;

  useEffect(() => {
    const element = dialog.current;
    if (element === null || element.open) return;
    element.showModal();
    // showModal() would pick the close button: start at the first field (or the one asked for).
    const first = thresholdsReadOnly ? 'serverUrl' : 'stallAfter';
    element.querySelector<HTMLInputElement>(`#${initialFocus ?? first}`)?.focus();
  }, [initialFocus, thresholdsReadOnly]);

  function change(patch: Partial<SettingsDraft>): void {
    setDraft({ ...draft, ...patch });
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setSubmitted(true);
    const result = validateSettings(draft, minUnresponsive);
    if (!result.ok) {
      // After React has rendered the messages.
      requestAnimationFrame(() => {
        const id = firstInvalid(result.errors);
        if (id !== undefined) document.getElementById(id)?.focus();
      });
      return;
    }
    if (result.settings.alerts && notificationAccess === 'default') {
      // Not asked when the box was ticked (dismissed): asked from the Save click, a user gesture.
      void requestNotificationPermission();
    }
    onSave({ settings: result.settings, serverUrl: result.serverUrl, token: result.token });
    dialog.current?.close();
  }

  const errorCount = Object.keys(errors).length;
  return (
    <dialog ref={dialog} className="demo-dialog" aria-labelledby="settings-title" onClose={onClose}>
      <form className="demo-dialog__form" noValidate onSubmit={submit}>
        <header className="demo-dialog__header">
          <h2 id="settings-title">Settings</h2>
          <button
            type="button"
            className="demo-icon-button"
            aria-label="Close settings"
            onClick={() => dialog.current?.close()}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </button>
        </header>
        <div className="demo-dialog__body">
          {errorCount > 0 && (
            <div className="demo-error-summary" role="alert">
              {errorCount === 1
                ? 'One field needs a fix before saving.'
                : `${errorCount} fields need a fix before saving.`}
            </div>
          )}

          <fieldset className="demo-fieldset" disabled={thresholdsReadOnly}>
            <legend>Thresholds</legend>
            <p className="demo-fieldset__hint">
              When a session counts as stalled or unresponsive. A per-tool limit wins over a
              per-model limit, which wins over these.
              {thresholdsFrom === 'server' &&
                ' Saved on the server: its alerts (/metrics) use the same limits.'}
              {thresholdsReadOnly &&
                ' Set on the server, for its alerts too: changing them needs its token.'}
            </p>
            <div className="demo-field-row">
              <TextField
                id="stallAfter"
                label="Stalled after"
                unit="s"
                inputMode="numeric"
                value={draft.stallAfter}
                onValueChange={(stallAfter) => change({ stallAfter })}
                hint="Waiting for the model or running a tool this long, in seconds."
                error={errors.stallAfter}
              />
              <TextField
                id="unresponsiveAfter"
                label="Unresponsive after"
                unit="s"
                inputMode="numeric"
                value={draft.unresponsiveAfter}
                onValueChange={(unresponsiveAfter) => change({ unresponsiveAfter })}
                hint={`No heartbeat this long, in seconds (at least ${minUnresponsive}: sessions beat every ${intervalMs / 1000} s).`}
                error={errors.unresponsiveAfter}
              />
            </div>
            <div className="demo-field-row">
              <TextField
                id="turnMax"
                label="Turn overdue after"
                unit="s"
                inputMode="numeric"
                value={draft.turnMax}
                onValueChange={(turnMax) => change({ turnMax })}
                hint="A turn still working after this long, in seconds, needs a look."
                error={errors.turnMax}
              />
              <TextField
                id="loopAfter"
                label="Loop after"
                unit="calls"
                inputMode="numeric"
                value={draft.loopAfter}
                onValueChange={(loopAfter) => change({ loopAfter })}
                hint="The same tool with the same input this many times in a row."
                error={errors.loopAfter}
              />
            </div>
          </fieldset>

          <fieldset className="demo-fieldset" disabled={thresholdsReadOnly}>
            <legend>Per tool</legend>
            <p className="demo-fieldset__hint">
              Long tool calls (builds, browsers) that are not stuck. A name ending in * matches
              every tool that starts with it.
            </p>
            <RuleTable
              table="byTool"
              rules={draft.byTool}
              onChange={(byTool) => change({ byTool })}
              errors={errors}
            />
          </fieldset>

          <fieldset className="demo-fieldset" disabled={thresholdsReadOnly}>
            <legend>Per model</legend>
            <p className="demo-fieldset__hint">
              Slow models, such as local ones, that take minutes to the first token.
            </p>
            <RuleTable
              table="byModel"
              rules={draft.byModel}
              onChange={(byModel) => change({ byModel })}
              errors={errors}
            />
          </fieldset>

          <fieldset className="demo-fieldset">
            <legend>Connection</legend>
            <TextField
              id="serverUrl"
              label="Server URL"
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder={window.location.origin}
              value={draft.serverUrl}
              onValueChange={(serverUrl) => change({ serverUrl })}
              hint="Empty: this page's own server."
              error={errors.serverUrl}
            />
            <TextField
              id="token"
              label="Token"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={draft.token}
              onValueChange={(token) => change({ token })}
              hint="Kept for this tab only, and never put in a URL."
              error={errors.token}
            />
            <ChoiceGroup
              legend="Transport"
              name="transport"
              choices={TRANSPORTS}
              value={draft.transport}
              onChange={(transport) => change({ transport })}
            />
          </fieldset>

          <fieldset className="demo-fieldset">
            <legend>Appearance</legend>
            <ChoiceGroup
              legend="Theme"
              name="theme"
              inline
              choices={THEMES}
              value={draft.theme}
              onChange={(theme) => change({ theme })}
            />
          </fieldset>

          <fieldset className="demo-fieldset">
            <legend>Alerts</legend>
            <label className="demo-choice">
              <input
                type="checkbox"
                id="alerts"
                name="alerts"
                checked={draft.alerts}
                aria-describedby="alerts-hint"
                onChange={(event) => {
                  change({ alerts: event.target.checked });
                  // Asked at once, from the click (browsers prompt only on a user gesture), so
                  // the answer is said here, beside the box, before the dialog closes.
                  if (event.target.checked) void requestNotificationPermission();
                }}
              />
              <span className="demo-choice__label">
                Alert me when a session stalls or stops responding
              </span>
            </label>
            <p
              id="alerts-hint"
              className="demo-field__hint"
              data-permission={notificationAccess}
              aria-live="polite"
            >
              A browser notification, and the count in the page title.{' '}
              <span
                className={
                  draft.alerts && notificationAccess === 'denied'
                    ? 'demo-field__warning'
                    : undefined
                }
              >
                {notificationHint(notificationAccess)}
              </span>
            </p>
          </fieldset>
        </div>
        <footer className="demo-dialog__footer">
          <button
            type="button"
            className="shb-button shb-button--ghost"
            onClick={() => dialog.current?.close()}
          >
            Cancel
          </button>
          <button type="submit" className="shb-button demo-button--primary">
            Save
          </button>
        </footer>
      </form>
    </dialog>
  );
}
