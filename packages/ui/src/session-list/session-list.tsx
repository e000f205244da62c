import type { SessionSortKey } from '@session-heartbeat/core';
import { useHeartbeatState, type HeartbeatState } from '@session-heartbeat/react';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type Ref } from 'react';
import { warmTimeFormats } from '../format/format-relative-time';
import type { SessionFilter } from '@session-heartbeat/react';
import { ActionFlowContext, type Confirming } from '../session-row/action-flow-context';
import type { SessionActionRequest } from '../session-row/session-action-request';
import { SessionTooltipProvider } from '../session-tooltip/session-tooltip-provider';
import { bulkSetWords } from './bulk-action-words';
import { BulkActions } from './bulk-actions';
import { CopyKeyProvider, useCopyKey } from './copy-key';
import { DEFAULT_HOLD_TIMERS, type HoldTimers } from './create-idle-release';
import type { SessionGroupBy } from './group-sessions';
import { ListHeader } from './list-header';
import { SessionListPlaceholder } from './session-list-placeholder';
import { SessionListToolbar } from './session-list-toolbar';
import { SessionRows } from './session-rows';
import { StallAnnouncer } from './stall-announcer';
import { useControllableState } from './use-controllable-state';
import { NATURAL_DIRECTION, type SortDirection } from './sort-direction';
import { useHeldOrder } from './use-held-order';
import { useIsNarrow } from './use-is-narrow';
import { useListItems } from './use-list-items';
import { usePacedSessionKeys } from './use-paced-session-keys';
import { useSearchText } from './use-search-text';

export interface SessionListProps {
  /** Called with a session's key when its row is chosen (Enter, Space or a click). */
  onSelect?: (sessionKey: string) => void;
  /** The selected session (`aria-current`, `data-selected`); `null` for none. Uncontrolled when omitted. */
  selectedKey?: string | null;
  /** Controlled sort. */
  sortBy?: SessionSortKey;
  /** @default 'severity' (then last activity) */
  defaultSortBy?: SessionSortKey;
  onSortByChange?: (sortBy: SessionSortKey) => void;
  /** Controlled direction of the sort (a column header clicked again reverses it). */
  sortDirection?: SortDirection;
  /** @default the sort's own: keys A→Z, severity most urgent first, last activity newest first */
  defaultSortDirection?: SortDirection;
  onSortDirectionChange?: (direction: SortDirection) => void;
  /** Controlled grouping: by agent or channel (from the key), model or source. */
  groupBy?: SessionGroupBy;
  /** @default 'none' */
  defaultGroupBy?: SessionGroupBy;
  onGroupByChange?: (groupBy: SessionGroupBy) => void;
  /** Controlled filter. */
  filter?: SessionFilter;
  /** @default 'all' */
  defaultFilter?: SessionFilter;
  onFilterChange?: (filter: SessionFilter) => void;
  /** Controlled search text. */
  search?: string;
  /** @default '' */
  defaultSearch?: string;
  onSearchChange?: (search: string) => void;
  /** Fleet: controlled source filter (a source's id), `undefined` for every source. */
  source?: string | undefined;
  /** @default undefined (every source) */
  defaultSource?: string;
  onSourceChange?: (source: string | undefined) => void;
  /** A human name per session, shown before its key and matched by the search. */
  getLabel?: (sessionKey: string) => string | undefined;
  /** Height of the scrolling area, any CSS length. @default 480 */
  height?: number | string;
  /**
   * Instead of a fixed `height`: the list is as tall as its rows, up to this
   * (any CSS length, e.g. what the viewport leaves), so a short list is not
   * an empty box.
   */
  maxHeight?: number | string;
  /** Row height in px; rows are fixed-height for virtualization. @default 44 */
  rowHeight?: number;
  /**
   * Row height in px when the list is narrower than 560 px, where a row is
   * two lines (dot and name, then state and time). @default 56
   */
  narrowRowHeight?: number;
  /** Where tooltips portal to, e.g. a node inside a shadow root. @default document.body */
  tooltipContainer?: Element | DocumentFragment | null;
  /** A BCP 47 tag for relative times. @default the browser's locale */
  locale?: string;
  /** Leave out the toolbar: all/running, counts, search and sort (the page has its own). @default false */
  hideToolbar?: boolean;
  /**
   * Show the counts (which filter by health) in the toolbar. Without them (the
   * page shows them, e.g. in its header), a health filter shows as a chip
   * that clears it. @default true
   */
  showCounts?: boolean;
  /** The search box, for a page that focuses it with a shortcut. */
  searchRef?: Ref<HTMLInputElement>;
  /** The key that focuses the search (the page listens for it), shown as a hint, e.g. `/`. */
  searchShortcut?: string;
  /**
   * Told of an action (restart) a person confirmed, before it is sent;
   * `preventDefault()` takes it over: nothing is sent, and it shows as done.
   */
  onAction?: (request: SessionActionRequest) => void;
  /**
   * The held order lets go after this long without pointer movement or keys
   * (a resting pointer must not hide a new problem). @default 3000
   */
  holdReleaseMs?: number;
  /**
   * Rows change places at most once per this many ms: a change after a quiet
   * spell shows at once, the changes within the interval together at its
   * end. Rows update in place every frame meanwhile, and a new sort, filter
   * or search shows at once. At thousands of heartbeats a second, "newest
   * activity first" is otherwise a different set of rows every frame, which
   * nobody can read. 0 re-orders every frame. @default 1000
   */
  reorderMs?: number;
  /** Timers for the hold and the re-order pace, for tests with a fake clock. @default the page's */
  holdTimers?: HoldTimers;
  className?: string;
}

const NO_GROUPS: ReadonlySet<string> = new Set();

const joinSourceIds = (state: HeartbeatState): string =>
  state.sources.map((source) => source.id).join('\n');

/** As tall as the rows (room for the loading skeleton and the empty state), up to `maxHeight`. */
function contentHeight(
  rows: number,
  rowHeight: number,
  hasSnapshot: boolean,
  maxHeight: number | string,
): string {
  const contentPx = hasSnapshot ? Math.max(rows * rowHeight, 200) : 6 * rowHeight + 48;
  const max = typeof maxHeight === 'number' ? `${maxHeight}px` : maxHeight;
  return `min(${max}, ${contentPx}px)`;
}

/**
 * The list's share of its rows' actions: which one is being confirmed, and
 * the host's `onAction` (read through a ref, so that a new callback each
 * render does not render every row).
 */
function useListActionFlow(onAction: ((request: SessionActionRequest) => void) | undefined) {
  const [confirming, setConfirming] = useState<Confirming | undefined>(undefined);
  const onActionRef = useRef(onAction);
  useEffect(() => {
    onActionRef.current = onAction;
  });
  return useMemo(
    () => ({
      confirming,
      setConfirming,
      onAction: (request: SessionActionRequest) => onActionRef.current?.(request),
    }),
    [confirming],
  );
}

/**
 * The live session list, inside a `HeartbeatProvider`: sorted by severity
 * then last activity, with counts that filter, all/running, search and sort.
 *
 * - Virtualized: only the rows in view are mounted, and each row subscribes
 *   to its own session, so one heartbeat renders one row.
 * - Rows never jump under the user's hand: while the pointer is over the
 *   rows or a row has focus, re-ordering pauses (rows still update in place).
 *   A new problem is never hidden for long: "↑ 2 newly stalled — show"
 *   appears above the rows, and the hold lets go after `holdReleaseMs`
 *   without pointer movement or keys.
 * - Rows change places at most once a second (`reorderMs`), the first change
 *   after a quiet spell at once: at fleet scale the order stays readable and
 *   rows render for their own news, not for every reshuffle.
 * - Keyboard: arrows, Home/End, PageUp/PageDown move between rows; Enter
 *   selects. `role="list"` named "Sessions"; rows carry `data-session-key`
 *   and `data-health`.
 * - A polite live region says when sessions become stalled or unresponsive,
 *   at most once every 5 s.
 *
 * @example
 * <HeartbeatProvider baseUrl={url} token={token}>
 *   <SessionList onSelect={openSession} />
 * </HeartbeatProvider>
 */
export function SessionList({
  onSelect,
  selectedKey: selectedKeyProp,
  sortBy: sortByProp,
  defaultSortBy = 'severity',
  onSortByChange,
  sortDirection: sortDirectionProp,
  defaultSortDirection,
  onSortDirectionChange,
  groupBy: groupByProp,
  defaultGroupBy = 'none',
  onGroupByChange,
  filter: filterProp,
  defaultFilter = 'all',
  onFilterChange,
  search: searchProp,
  defaultSearch = '',
  onSearchChange,
  source: sourceProp,
  defaultSource,
  onSourceChange,
  getLabel,
  height = 480,
  maxHeight,
  rowHeight: wideRowHeight = 44,
  narrowRowHeight = 56,
  tooltipContainer,
  locale,
  hideToolbar = false,
  showCounts = true,
  searchRef,
  searchShortcut,
  onAction,
  holdReleaseMs,
  reorderMs = 1000,
  holdTimers = DEFAULT_HOLD_TIMERS,
  className,
}: SessionListProps) {
  const [sortBy, setSortBy] = useControllableState(sortByProp, defaultSortBy, onSortByChange);
  const [direction, setDirection] = useControllableState(
    sortDirectionProp,
    defaultSortDirection ?? NATURAL_DIRECTION[defaultSortBy],
    onSortDirectionChange,
  );
  const [groupBy, setGroupBy] = useControllableState(groupByProp, defaultGroupBy, onGroupByChange);
  const [collapsed, setCollapsed] = useState<{ groupBy: SessionGroupBy; ids: ReadonlySet<string> }>(
    { groupBy, ids: new Set() },
  );
  // Groups of another grouping are not collapsed.
  const collapsedIds = collapsed.groupBy === groupBy ? collapsed.ids : NO_GROUPS;
  const [filter, setFilter] = useControllableState(filterProp, defaultFilter, onFilterChange);
  const [search, setSearch] = useControllableState(searchProp, defaultSearch, onSearchChange);
  const [source, setSource] = useControllableState<string | undefined>(
    sourceProp,
    defaultSource,
    onSourceChange,
  );
  // Heartbeats that passed through an aggregator come with its sources (every
  // snapshot lists them): a cheap test for "any session has a source".
  const sourceIds = useHeartbeatState(joinSourceIds);
  const sources = useMemo(() => (sourceIds === '' ? [] : sourceIds.split('\n')), [sourceIds]);
  const [selectedKey, setSelectedKey] = useControllableState<string | null>(
    selectedKeyProp,
    null,
    undefined,
  );
  const hasSnapshot = useHeartbeatState((state) => state.hasSnapshot);
  const connection = useHeartbeatState((state) => state.status.kind);
  // The rows' time formats, built while the list waits for its first snapshot.
  useEffect(() => warmTimeFormats(locale), [locale]);
  const searchText = useSearchText(getLabel);
  const sortedKeys = usePacedSessionKeys(
    { sortBy, filter, search, source, searchText },
    reorderMs,
    holdTimers,
  );
  const reversed = direction !== NATURAL_DIRECTION[sortBy];
  const liveKeys = useMemo(
    () => (reversed ? [...sortedKeys].reverse() : sortedKeys),
    [sortedKeys, reversed],
  );
  const held = useHeldOrder(
    liveKeys,
    `${sortBy}\n${direction}\n${filter}\n${search}\n${source ?? ''}\n${groupBy}`,
    { idleMs: holdReleaseMs, timers: holdTimers },
  );
  const items = useListItems(held.keys, groupBy, collapsedIds);
  const totalSessions = useHeartbeatState((state) => state.sessions.size);
  const narrowed = filter !== 'all' || search.trim() !== '' || source !== undefined;
  const actionFlow = useListActionFlow(onAction);
  const [listElement, setListElement] = useState<HTMLDivElement | null>(null);
  const narrow = useIsNarrow(listElement);
  const rowHeight = narrow ? narrowRowHeight : wideRowHeight;
  const copyKey = useCopyKey();

  return (
    <SessionTooltipProvider container={tooltipContainer}>
      <ActionFlowContext.Provider value={actionFlow}>
        <CopyKeyProvider value={copyKey.value}>
          <div
            className={className === undefined ? 'shb-list' : `shb-list ${className}`}
            data-sources={sources.length > 0 || undefined}
            data-narrow={narrow || undefined}
            ref={setListElement}
            // The rows' CSS height and the virtualizer's are one number.
            style={{ '--shb-row-height': `${rowHeight}px` } as CSSProperties}
          >
            {!hideToolbar && (
              <SessionListToolbar
                sortBy={sortBy}
                onSortByChange={(next) => {
                  setSortBy(next);
                  setDirection(NATURAL_DIRECTION[next]);
                }}
                filter={filter}
                onFilterChange={setFilter}
                search={search}
                onSearchChange={setSearch}
                showCounts={showCounts}
                searchRef={searchRef}
                searchShortcut={searchShortcut}
                sources={sources}
                source={source}
                onSourceChange={setSource}
                groupBy={groupBy}
                onGroupByChange={setGroupBy}
                shown={liveKeys.length}
                total={totalSessions}
                bulkActions={
                  <BulkActions
                    shownKeys={liveKeys}
                    narrowed={narrowed}
                    setWords={bulkSetWords(filter, search, source)}
                    getLabel={getLabel}
                  />
                }
              />
            )}
            <SessionRows
              held={held}
              items={items}
              groupBy={groupBy}
              onToggleGroup={(id) => {
                const ids = new Set(collapsedIds);
                if (!ids.delete(id)) ids.add(id);
                setCollapsed({ groupBy, ids });
              }}
              search={search}
              header={
                <ListHeader
                  sortBy={sortBy}
                  direction={direction}
                  onSort={(nextSortBy, nextDirection) => {
                    setSortBy(nextSortBy);
                    setDirection(nextDirection);
                  }}
                  showSource={sources.length > 0}
                />
              }
              height={
                maxHeight === undefined
                  ? height
                  : contentHeight(items.length, rowHeight, hasSnapshot, maxHeight)
              }
              rowHeight={rowHeight}
              selectedKey={selectedKey ?? undefined}
              onSelect={(key) => {
                setSelectedKey(key);
                onSelect?.(key);
              }}
              getLabel={getLabel}
              locale={locale}
              busy={!hasSnapshot}
              showSource={sources.length > 0}
              placeholder={
                <SessionListPlaceholder
                  loading={!hasSnapshot}
                  connection={connection}
                  filter={filter}
                  search={search}
                  onShowAll={
                    narrowed
                      ? () => {
                          setFilter('all');
                          setSearch('');
                        }
                      : undefined
                  }
                />
              }
            />
            <StallAnnouncer />
            {/* A live region, not a second role="status": the page's banners own that role. */}
            <div className="shb-visually-hidden" aria-live="polite" data-copy-status="">
              {copyKey.message}
            </div>
          </div>
        </CopyKeyProvider>
      </ActionFlowContext.Provider>
    </SessionTooltipProvider>
  );
}
