import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { ListRow } from './list-row';
import { RenderProbeMark } from './render-probe';
import type { HeldOrder } from './use-held-order';

export interface SessionRowsProps {
  /** Height of the scrolling area, any CSS length. */
  height: number | string;
  rowHeight: number;
  selectedKey: string | undefined;
  onSelect: (sessionKey: string) => void;
  getLabel: ((sessionKey: string) => string | undefined) | undefined;
  locale: string | undefined;
  /** The keys in the order shown (held while the pointer or focus is in the list). */
  held: HeldOrder;
  /** Shown instead of rows when there are none (loading, empty). */
  placeholder: ReactNode;
  busy: boolean;
  /** Fleet: a Source column. */
  showSource: boolean;
}

function rowOf(target: EventTarget): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('[role="listitem"]') : null;
}

/**
 * The virtualized body: only the rows in view (plus the tab stop) are
 * mounted, each a memoized `ListRow` subscribed to the session at its
 * place (rows are reused by place when the order changes). Arrow
 * keys, Home/End and PageUp/PageDown move a roving tab stop through the
 * virtualizer; Enter (or a click) selects.
 */
export function SessionRows({
  height,
  rowHeight,
  selectedKey,
  onSelect,
  getLabel,
  locale,
  held,
  placeholder,
  busy,
  showSource,
}: SessionRowsProps) {
  const { keys } = held;
  const viewport = useRef<HTMLDivElement>(null);
  const focusRequest = useRef<string | null>(null);
  const [activeKey, setActiveKey] = useState<string>();
  const activeIndex = activeKey === undefined ? -1 : keys.indexOf(activeKey);
  const tabStopIndex = activeIndex >= 0 ? activeIndex : 0;

  // The tab stop stays mounted when scrolled away, so Tab always lands on a row.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (range.count > 0 && !indexes.includes(tabStopIndex)) {
        indexes.push(tabStopIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [tabStopIndex],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns a mutable instance the compiler cannot memoize; nothing here is compiled, and rows are memoized by hand.
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => viewport.current,
    estimateSize: () => rowHeight,
    // Items keep the default key, their index: rows are fixed-height and never
    // measured, and a key function that changes with the order would make the
    // virtualizer lay out every item again on each render.
    rangeExtractor,
    overscan: 6,
    initialRect: { width: 0, height: rowHeight * 12 },
  });

  // Focus follows the roving tab stop once its row is mounted.
  useEffect(() => {
    const key = focusRequest.current;
    if (key === null) return;
    const row = viewport.current?.querySelector<HTMLElement>(
      `[data-session-key="${CSS.escape(key)}"]`,
    );
    if (row !== null && row !== undefined) {
      focusRequest.current = null;
      row.focus({ preventScroll: true });
    }
  });

  function moveTo(index: number): void {
    const key = keys[index];
    if (key === undefined) return;
    focusRequest.current = key;
    setActiveKey(key);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const row = rowOf(event.target);
    if (row === null || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = row.dataset.sessionKey ?? '';
    const current = keys.indexOf(key);
    const page = Math.max(1, Math.floor((viewport.current?.clientHeight ?? 0) / rowHeight) - 1);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = current + 1;
        break;
      case 'ArrowUp':
        next = current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = keys.length - 1;
        break;
      case 'PageDown':
        next = current + page;
        break;
      case 'PageUp':
        next = current - page;
        break;
      case 'Enter':
      case ' ':
        if (event.target !== row) return; // the row's own buttons handle their keys
        event.preventDefault();
        onSelect(key);
        return;
      default:
        return;
    }
    event.preventDefault();
    moveTo(Math.min(keys.length - 1, Math.max(0, next)));
  }

  function onClick(event: MouseEvent<HTMLDivElement>): void {
    const row = rowOf(event.target);
    if (row === null || (event.target as Element).closest('button') !== null) return;
    onSelect(row.dataset.sessionKey ?? '');
  }

  function onFocus(event: FocusEvent<HTMLDivElement>): void {
    held.regionProps.onFocus();
    const key = rowOf(event.target)?.dataset.sessionKey;
    if (key !== undefined && key !== activeKey) setActiveKey(key);
  }

  const items = virtualizer.getVirtualItems();
  return (
    <>
      <RenderProbeMark id="list" />
      {/* Column names for sighted users; each row carries its own words for screen readers. */}
      <div className="shb-list__header" aria-hidden="true">
        <span />
        <span>Session</span>
        {showSource && <span>Source</span>}
        <span>State</span>
        <span>Model</span>
        <span className="shb-list__header-time">In state</span>
        <span className="shb-list__header-time">Last activity</span>
        <span />
      </div>
      <div
        ref={viewport}
        className="shb-list__viewport"
        style={{ height }}
        onPointerEnter={held.regionProps.onPointerEnter}
        onPointerLeave={held.regionProps.onPointerLeave}
        onFocus={onFocus}
        onBlur={held.regionProps.onBlur}
      >
        {held.pendingChanges > 0 && (
          <div className="shb-list__hint">
            <span className="shb-list__hint-pill">
              {held.pendingChanges === 1
                ? '1 change waiting'
                : `${held.pendingChanges} changes waiting`}
            </span>
          </div>
        )}
        <div
          role="list"
          aria-label="Sessions"
          aria-busy={busy || undefined}
          className="shb-list__rows"
          style={{ height: keys.length === 0 ? undefined : virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
          onClick={onClick}
        >
          {keys.length === 0
            ? null
            : items.map((item) => {
                const key = keys[item.index] as string;
                // Keyed by place, not by session: when the order changes, a row shows
                // the session now at its place (an update) instead of rows unmounting
                // and mounting. Rows keep no state of their own session (see ListRow),
                // and the order holds while a row has focus or the pointer.
                return (
                  <ListRow
                    key={item.index}
                    sessionKey={key}
                    top={item.start}
                    label={getLabel?.(key)}
                    selected={key === selectedKey}
                    tabbable={item.index === tabStopIndex}
                    locale={locale}
                    showSource={showSource}
                  />
                );
              })}
        </div>
        {keys.length === 0 && placeholder}
      </div>
    </>
  );
}
