/** The thread's scroll area: its turns virtualized (only those near the viewport are in the DOM), following the latest turn unless the user scrolled up. */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/shallow'
import type { Panelist } from '../../../shared/domain'
import { viewedThread } from '../store/selectors'
import type { RoundtableState } from '../store/state'
import { useRoundtable } from '../store/store'
import { ErrorBoundary } from '../ui/error-boundary'
import { JumpToLatest } from './jump-to-latest'
import { registerTurnRevealer } from './turn-revealer'
import { TurnView } from './turn-view'
import { useElementWidth } from './use-element-width'
import { useStickToBottom } from './use-stick-to-bottom'
import { sendKeyHint } from '../composer/send-key'
import { useWindowSettings } from '../settings/window-settings'
import './turn-list.css'

/** A first guess at a turn's height before it is measured (a prompt over one row of answers). */
const ESTIMATED_TURN_PX = 420
/** Space between turns. */
const TURN_GAP_PX = 28
/** Turns kept mounted beyond each edge of the viewport. */
const OVERSCAN = 3

interface TurnListProps {
  threadId: string
  /** The turns on screen (the shown branch), first to last. */
  turnIds: readonly string[]
  panel: Panelist[]
  replaying: boolean
  /** What follows the turns in the same scroll area (queued prompts, notes). */
  children?: ReactNode
}

const NONE: readonly string[] = []
const runningTurnIds = (s: RoundtableState): readonly string[] => viewedThread(s)?.turns.filter((t) => t.status === 'running').map((t) => t.id) ?? NONE
/** How many turns the thread has and how many prompts wait: a new turn or a queued prompt means someone sent one. */
const sentCounts = (s: RoundtableState) => ({ turns: viewedThread(s)?.turns.length ?? 0, queued: viewedThread(s)?.queued.length ?? 0 })

/** The turns of one thread, opening at the latest (the parent keys it by thread and by whether it has turns yet). */
export function TurnList({ threadId, turnIds, panel, replaying, children }: TurnListProps) {
  const scroller = useRef<HTMLDivElement | null>(null)
  const list = useRef<HTMLDivElement | null>(null)
  // Every turn spans the list: measured once here (before any turn renders), so each turn renders in its layout at once.
  const [widthRef, width] = useElementWidth<HTMLDivElement>()
  const listRef = useCallback(
    (el: HTMLDivElement | null) => {
      list.current = el
      return widthRef(el)
    },
    [widthRef],
  )
  const [scrollMargin, setScrollMargin] = useState(0)
  const running = useRoundtable(useShallow(runningTurnIds))
  const sent = useRoundtable(useShallow(sentCounts))
  const indexOf = useMemo(() => new Map(turnIds.map((id, i) => [id, i])), [turnIds])

  // The newest turn and any running one stay mounted wherever the user reads.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const keep = new Set(defaultRangeExtractor(range))
      if (range.count > 0) keep.add(range.count - 1)
      for (const id of running) {
        const index = indexOf.get(id)
        if (index !== undefined) keep.add(index)
      }
      return [...keep].sort((a, b) => a - b)
    },
    [running, indexOf],
  )
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: the list re-renders whenever the virtualizer changes
  const virtualizer = useVirtualizer({
    count: turnIds.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_TURN_PX,
    getItemKey: (index) => turnIds[index]!,
    initialOffset: () => turnIds.length * (ESTIMATED_TURN_PX + TURN_GAP_PX),
    overscan: OVERSCAN,
    gap: TURN_GAP_PX,
    scrollMargin,
    rangeExtractor,
  })
  const totalSize = virtualizer.getTotalSize()
  // Turns coming into view mount in an interruptible render, so scrolling keeps its frames while their answers render;
  // those already mounted move with every frame.
  const shown = useDeferredValue(virtualizer.getVirtualIndexes())
  const stick = useStickToBottom()
  const { ref: stickRef, watch, toBottom, release } = stick
  const scrollerRef = useCallback(
    (el: HTMLDivElement | null) => {
      scroller.current = el
      return stickRef(el)
    },
    [stickRef],
  )
  // A slot is measured by the virtualizer and watched for growth (a streaming turn overflows its slot before the list is resized).
  const slotRef = useCallback(
    (node: HTMLDivElement | null) => {
      virtualizer.measureElement(node)
      if (!node) return () => {}
      const unwatch = watch(node)
      return () => {
        unwatch()
        virtualizer.measureElement(null)
      }
    },
    [virtualizer, watch],
  )

  // Where the list starts inside the scroll area (the area's own padding), for the virtualizer's offsets.
  useLayoutEffect(() => {
    const area = scroller.current
    const inner = list.current
    if (area && inner) setScrollMargin(inner.getBoundingClientRect().top - area.getBoundingClientRect().top + area.scrollTop)
  }, [])

  // Your message always shows: a prompt sent (a new turn, not one taken from the queue) or queued brings the view to the end.
  const lastSent = useRef(sent)
  useLayoutEffect(() => {
    const before = lastSent.current
    lastSent.current = sent
    const started = sent.turns > before.turns && sent.queued >= before.queued
    if (!replaying && (started || sent.queued > before.queued)) toBottom()
  }, [sent, replaying, toBottom])

  useEffect(
    () =>
      registerTurnRevealer(threadId, (turnId) => {
        const index = indexOf.get(turnId)
        if (index === undefined) return false
        release()
        virtualizer.scrollToIndex(index, { align: 'center' })
        return true
      }),
    [threadId, indexOf, release, virtualizer],
  )

  const jump = () => {
    toBottom()
    scroller.current?.focus({ preventScroll: true })
  }

  return (
    <div className="turn-scroll-area">
      <div className={`turns${replaying ? ' replaying' : ''}`} ref={scrollerRef} tabIndex={-1} data-testid="turns">
        <div className="turns-content" ref={watch}>
          {turnIds.length === 0 && <EmptyThreadHint />}
          <div className="turn-list" ref={listRef} style={{ height: totalSize }}>
            {width > 0 && shown.map((index) => {
              const item = virtualizer.measurementsCache[index]
              return (
                item && (
                  <div key={item.key} className="turn-slot" data-index={index} ref={slotRef} style={{ transform: `translateY(${item.start - scrollMargin}px)` }}>
                    <ErrorBoundary what="This turn">
                      <TurnView turnId={turnIds[index]!} panel={panel} readOnly={replaying} width={width} />
                    </ErrorBoundary>
                  </div>
                )
              )
            })}
          </div>
          {children}
        </div>
      </div>
      {!stick.pinned && <JumpToLatest onJump={jump} />}
    </div>
  )
}

/** What an empty thread says: ask anything, and which key sends. */
function EmptyThreadHint() {
  const sendKey = useWindowSettings((s) => s.sendKey)
  return <p className="muted turns-empty">Ask the panel anything. {sendKeyHint(sendKey)}.</p>
}
