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
import { describeNewProblems } from './count-new-problems';
import { GroupHeaderRow } from './group-header-row';
import type { ListItem, SessionGroupBy } from './group-sessions';
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
  /** The order shown (held while the pointer or focus is in the list). */
  held: HeldOrder;
  /** The items to show: the held keys, with group headers when grouped. */
  items: readonly ListItem[];
  groupBy: SessionGroupBy;
  onToggleGroup: (groupId: string) => void;
  /** The search, whose matches the rows mark. */
  search: string;
  /** Shown instead of rows when there are none (loading, empty). */
  placeholder: ReactNode;
  busy: boolean;
  /** Fleet: a Source column. */
  showSource: boolean;
  /** Above the rows, inside the list's frame: the column header, the held-order notice. */
  header: ReactNode;
}

/** A row's or a group header's id for the roving tab stop. */
function itemId(item: ListItem | undefined): string | undefined {
  if (item === undefined) return undefined;
  return typeof item === 'string' ? item : `\u0000group${item.id}`;
}

function itemOf(target: EventTarget): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('[role="listitem"]') : null;
}

/**
 * The virtualized body: only the items in view (plus the tab stop) are
 * mounted: memoized `ListRow`s, each subscribed to the session at its place
 * (rows are reused by place when the order changes), and group headers.
 * Arrow keys, Home/End and PageUp/PageDown move a roving tab stop across
 * rows and headers; Enter (or a click) selects a row, and Enter or Space on a
 * header (a button) collapses or expands its group.
 */
export function SessionRows({
  height,
  rowHeight,
  selectedKey,
  onSelect,
  getLabel,
  locale,
  held,
  items,
  groupBy,
  onToggleGroup,
  search,
  placeholder,
  busy,
  showSource,
  header,
}: SessionRowsProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const focusRequest = useRef<string | null>(null);
  const [activeId, setActiveId] = useState<string>();
  const activeIndex =
    activeId === undefined ? -1 : items.findIndex((item) => itemId(item) === activeId);
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
    count: items.length,
    getScrollElement: () => viewport.current,
    estimateSize: () => rowHeight,
    // Items keep the default key, their index: rows are fixed-height and never
    // measured, and a key function that changes with the order would make the
    // virtualizer lay out every item again on each render.
    rangeExtractor,
    overscan: 6,
    initialRect: { width: 0, height: rowHeight * 12 },
  });

  // When the order changes under a focused row (the hold let go), focus
  // follows its session rather than staying at a place now showing another.
  const shownItems = useRef(items);
  useEffect(() => {
    if (shownItems.current === items) return;
    shownItems.current = items;
    const focused = viewport.current?.contains(document.activeElement) === true;
    if (focused && activeId !== undefined && focusRequest.current === null) {
      focusRequest.current = activeId;
    }
  });

  // Focus follows the roving tab stop once its item is mounted (scrolled to if not).
  useEffect(() => {
    const id = focusRequest.current;
    if (id === null) return;
    const index = items.findIndex((item) => itemId(item) === id);
    if (index < 0) {
      focusRequest.current = null;
      return;
    }
    const element = viewport.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (element !== null && element !== undefined) {
      focusRequest.current = null;
      const target =
        element.dataset.group === undefined ? element : element.querySelector('button');
      if (target !== document.activeElement) target?.focus({ preventScroll: true });
    } else {
      virtualizer.scrollToIndex(index, { align: 'auto' });
    }
  });

  /** The notice's "show": the live order, and focus on the first new problem. */
  function showNewProblems(): void {
    const first = held.newProblems.first;
    held.release();
    if (first === undefined) return;
    focusRequest.current = first;
    setActiveId(first);
  }

  function moveTo(index: number): void {
    const id = itemId(items[index]);
    if (id === undefined) return;
    focusRequest.current = id;
    setActiveId(id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const element = itemOf(event.target);
    if (element === null || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = Number(element.dataset.index ?? -1);
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
        next = items.length - 1;
        break;
      case 'PageDown':
        next = current + page;
        break;
      case 'PageUp':
        next = current - page;
        break;
      case 'Enter':
      case ' ':
        // A header's button and a row's own buttons handle their keys.
        if (event.target !== element || element.dataset.sessionKey === undefined) return;
        event.preventDefault();
        onSelect(element.dataset.sessionKey);
        return;
      default:
        return;
    }
    event.preventDefault();
    moveTo(Math.min(items.length - 1, Math.max(0, next)));
  }

  function onClick(event: MouseEvent<HTMLDivElement>): void {
    const key = itemOf(event.target)?.dataset.sessionKey;
    if (key === undefined || (event.target as Element).closest('button') !== null) return;
    onSelect(key);
  }

  function onFocus(event: FocusEvent<HTMLDivElement>): void {
    held.regionProps.onFocus();
    const element = itemOf(event.target);
    const id = itemId(items[Number(element?.dataset.index ?? -1)]);
    if (id !== undefined && id !== activeId) setActiveId(id);
  }

  const virtualItems = virtualizer.getVirtualItems();
  return (
    <>
      <RenderProbeMark id="list" />
      {header}
      {/* The pointer is tracked over the notice and the rows together: reaching for the notice keeps the hold. */}
      <div
        className="shb-list__body"
        onPointerEnter={held.regionProps.onPointerEnter}
        onPointerLeave={held.regionProps.onPointerLeave}
        onPointerMove={held.regionProps.onPointerMove}
      >
        {held.newProblems.first !== undefined && (
          // In the layout, above the rows: it never covers one.
          <button type="button" className="shb-list__notice" onClick={showNewProblems}>
            {describeNewProblems(held.newProblems)}
          </button>
        )}
        <div
          ref={viewport}
          className="shb-list__viewport"
          // While it scrolls, the dots' pulses rest (styles.css): rows in motion
          // hide them anyway, and each costs the main thread every frame.
          data-scrolling={virtualizer.isScrolling || undefined}
          style={{ height }}
          onKeyDownCapture={held.regionProps.onKeyDown}
          onFocus={onFocus}
          onBlur={held.regionProps.onBlur}
        >
          <div
            role="list"
            aria-label="Sessions"
            aria-busy={busy || undefined}
            className="shb-list__rows"
            style={{ height: items.length === 0 ? undefined : virtualizer.getTotalSize() }}
            onKeyDown={onKeyDown}
            onClick={onClick}
          >
            {items.length === 0
              ? null
              : virtualItems.map((virtual) => {
                  const item = items[virtual.index] as ListItem;
                  if (typeof item !== 'string') {
                    return (
                      <GroupHeaderRow
                        key={virtual.index}
                        group={item}
                        groupBy={groupBy === 'none' ? 'agent' : groupBy}
                        top={virtual.start}
                        index={virtual.index}
                        tabbable={virtual.index === tabStopIndex}
                        onToggle={onToggleGroup}
                      />
                    );
                  }
                  // Keyed by place, not by session: when the order changes, a row shows
                  // the session now at its place (an update) instead of rows unmounting
                  // and mounting. Rows keep no state of their own session (see ListRow),
                  // and the order holds while a row has focus or the pointer.
                  return (
                    <ListRow
                      key={virtual.index}
                      index={virtual.index}
                      sessionKey={item}
                      top={virtual.start}
                      label={getLabel?.(item)}
                      selected={item === selectedKey}
                      tabbable={virtual.index === tabStopIndex}
                      locale={locale}
                      showSource={showSource}
                      search={search}
                    />
                  );
                })}
          </div>
          {items.length === 0 && placeholder}
        </div>
      </div>
    </>
  );
}
