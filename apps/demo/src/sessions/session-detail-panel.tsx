import type { HealthVerdict, ReceivedHeartbeat, ThresholdConfig } from '@session-heartbeat/core';
import { useHeartbeatState, useServerNow, useSessionEntry } from '@session-heartbeat/react';
import {
  describeHealthReason,
  describeState,
  formatAbsoluteTime,
  formatDuration,
  formatRelativeTime,
  HEALTH_LABELS,
  SessionActions,
  SessionTimeline,
  StatusDot,
} from '@session-heartbeat/ui';
import type { ReactNode, RefObject } from 'react';
import { describeSource, explainThresholds } from './explain-thresholds';
import './sessions.css';

export interface SessionDetailPanelProps {
  sessionKey: string | null;
  onClose: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/**
 * The selected session: its health and why, recovery, the last 10 minutes,
 * every heartbeat field and the limits that apply (with where each comes
 * from). A landmark (`aside`) named by its heading.
 */
export function SessionDetailPanel({ sessionKey, onClose, headingRef }: SessionDetailPanelProps) {
  if (sessionKey === null) {
    return (
      <aside className="demo-detail" aria-labelledby="detail-title" data-empty>
        <h2 id="detail-title" className="demo-detail__eyebrow" ref={headingRef} tabIndex={-1}>
          Session details
        </h2>
        <div className="demo-detail__empty">
          <p className="demo-detail__empty-title">No session selected</p>
          <p>
            Choose a session to see its heartbeat, its last 10 minutes and, when it needs a look,
            why.
          </p>
          <p className="demo-detail__keys">
            <kbd className="demo-kbd">↑</kbd> <kbd className="demo-kbd">↓</kbd> move ·{' '}
            <kbd className="demo-kbd">Enter</kbd> open · <kbd className="demo-kbd">/</kbd> search
          </p>
        </div>
      </aside>
    );
  }
  return (
    <aside className="demo-detail" aria-labelledby="detail-title">
      <SelectedSession
        key={sessionKey}
        sessionKey={sessionKey}
        onClose={onClose}
        headingRef={headingRef}
      />
    </aside>
  );
}

function SelectedSession({
  sessionKey,
  onClose,
  headingRef,
}: {
  sessionKey: string;
  onClose: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const entry = useSessionEntry(sessionKey);
  const serverNow = useServerNow();
  const thresholds = useHeartbeatState((state) => state.thresholds);
  const heartbeat = entry?.heartbeat;
  const health = entry?.health ?? 'unknown';
  return (
    <>
      <div className="demo-detail__header">
        <div className="demo-detail__title-block">
          <p className="demo-detail__eyebrow" aria-hidden="true">
            Session
          </p>
          <h2 id="detail-title" className="demo-detail__title" ref={headingRef} tabIndex={-1}>
            <span className="shb-visually-hidden">Session </span>
            {sessionKey}
          </h2>
        </div>
        <button
          type="button"
          className="demo-icon-button"
          aria-label="Close details"
          aria-keyshortcuts="Escape"
          onClick={onClose}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </div>

      <section className="demo-status" data-health={health} aria-label="Status">
        <div className="demo-status__line">
          <StatusDot health={health} size="lg" />
          <div className="demo-status__words">
            <p className="demo-status__health">{HEALTH_LABELS[health]}</p>
            <p className="demo-status__state">
              {heartbeat === undefined
                ? 'This session is not listed any more.'
                : `${describeState(heartbeat)} · for ${formatDuration(serverNow - heartbeat.stateSince)}`}
            </p>
          </div>
        </div>
        {entry !== undefined && (
          <Reason verdict={entry.verdict} heartbeat={entry.heartbeat} serverNow={serverNow} />
        )}
        {heartbeat?.activity !== undefined && (
          <p className="demo-status__activity">{heartbeat.activity}</p>
        )}
        {heartbeat !== undefined && (
          <div className="demo-status__actions">
            <SessionActions sessionKey={sessionKey} />
          </div>
        )}
      </section>

      {heartbeat !== undefined && (
        <>
          <section className="demo-section" aria-labelledby="timeline-title">
            <h3 id="timeline-title" className="demo-section__title">
              Last 10 minutes
            </h3>
            <SessionTimeline sessionKey={sessionKey} legend />
          </section>
          <section className="demo-section" aria-labelledby="fields-title">
            <h3 id="fields-title" className="demo-section__title">
              Heartbeat
            </h3>
            <HeartbeatFields heartbeat={heartbeat} serverNow={serverNow} />
          </section>
          <section className="demo-section" aria-labelledby="limits-title">
            <h3 id="limits-title" className="demo-section__title">
              Limits for this session
            </h3>
            <Limits heartbeat={heartbeat} thresholds={thresholds} />
          </section>
        </>
      )}
    </>
  );
}

function Reason({
  verdict,
  heartbeat,
  serverNow,
}: {
  verdict: HealthVerdict;
  heartbeat: ReceivedHeartbeat;
  serverNow: number;
}) {
  const reason = describeHealthReason(verdict, heartbeat, serverNow);
  if (reason === undefined) return null;
  return <p className="demo-status__reason">{reason}</p>;
}

function Field({
  term,
  children,
  mono = false,
}: {
  term: string;
  children: ReactNode;
  mono?: boolean;
}) {
  return (
    <div className="demo-fields__row">
      <dt>{term}</dt>
      <dd className={mono ? 'shb-mono' : undefined}>{children}</dd>
    </div>
  );
}

function When({ at, serverNow }: { at: number | undefined; serverNow: number }) {
  if (at === undefined) return <span className="demo-muted">—</span>;
  return (
    <time dateTime={new Date(at).toISOString()} title={formatAbsoluteTime(at)}>
      {formatRelativeTime(at, Math.max(serverNow, at))}
    </time>
  );
}

function HeartbeatFields({
  heartbeat,
  serverNow,
}: {
  heartbeat: ReceivedHeartbeat;
  serverNow: number;
}) {
  const none = <span className="demo-muted">—</span>;
  return (
    <dl className="demo-fields">
      <Field term="State" mono>
        {heartbeat.state === 'unknown' ? (heartbeat.unknownState ?? 'unknown') : heartbeat.state}
      </Field>
      <Field term="Tool" mono>
        {heartbeat.toolName ?? none}
      </Field>
      <Field term="Model" mono>
        {heartbeat.model ?? none}
      </Field>
      <Field term="Turn" mono>
        {heartbeat.turnId ?? none}
      </Field>
      <Field term={heartbeat.state === 'idle' ? 'Idle since' : 'Turn started'}>
        <When at={heartbeat.startedAt} serverNow={serverNow} />
      </Field>
      <Field term="In this state since">
        <When at={heartbeat.stateSince} serverNow={serverNow} />
      </Field>
      <Field term="Last token">
        <When at={heartbeat.lastTokenAt} serverNow={serverNow} />
      </Field>
      <Field term="Last progress">
        <When at={heartbeat.lastProgressAt} serverNow={serverNow} />
      </Field>
      {heartbeat.turnToolCalls !== undefined && (
        <Field term="Tool calls this turn">
          {heartbeat.turnToolCalls}
          {heartbeat.toolRepeat !== undefined && heartbeat.toolRepeat > 1 && (
            <span className="demo-muted"> · the last one {heartbeat.toolRepeat}× in a row</span>
          )}
        </Field>
      )}
      <Field term="Last heartbeat">
        <When at={heartbeat.emittedAt} serverNow={serverNow} />
        <span className="demo-muted">
          {' '}
          · #{heartbeat.seq}, {heartbeat.reason}
        </span>
      </Field>
    </dl>
  );
}

function Limits({
  heartbeat,
  thresholds,
}: {
  heartbeat: ReceivedHeartbeat;
  thresholds: ThresholdConfig | undefined;
}) {
  const limits = explainThresholds(thresholds, heartbeat);
  return (
    <dl className="demo-fields">
      <Field term="Stalled after">
        {formatDuration(limits.stallAfterMs.value)} without progress{' '}
        <span className="demo-muted">({describeSource(limits.stallAfterMs.source)})</span>
      </Field>
      <Field term="Loop after">
        {limits.loopAfterRepeats.value} same tool calls{' '}
        <span className="demo-muted">({describeSource(limits.loopAfterRepeats.source)})</span>
      </Field>
      <Field term="Turn overdue after">
        {formatDuration(limits.turnMaxMs.value)}{' '}
        <span className="demo-muted">({describeSource(limits.turnMaxMs.source)})</span>
      </Field>
      <Field term="Unresponsive after">
        {formatDuration(limits.unresponsiveAfterMs.value)}{' '}
        <span className="demo-muted">({describeSource(limits.unresponsiveAfterMs.source)})</span>
      </Field>
    </dl>
  );
}
