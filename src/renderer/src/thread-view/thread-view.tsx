/** The selected thread: header (title, panel, replay), its turns (virtualized, following the latest), queued prompts, composer. */
import { useState } from 'react'
import { useShallow } from 'zustand/shallow'
import { Composer } from '../composer/composer'
import { ExportMenu } from '../export/export-menu'
import { PanelPicker } from '../panel-picker/panel-picker'
import { ReplayBar } from '../replay/replay-bar'
import { ReplayControls } from '../replay/replay-controls'
import { useReplayChoice } from '../replay/replay-start'
import { isReplaying, viewedThread } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { ThreadToolsButton } from '../tools/thread-tools'
import { shownTurnIds } from './branch-view'
import { EmptyState } from './empty-state'
import { LayoutSwitch } from './layout-switch'
import { PanelChips } from './panel-chips'
import { QueuedPrompts } from './queued-prompts'
import { TurnList } from './turn-list'
import './thread-view.css'

/** The main area; an empty state when no thread is selected. */
export function ThreadView() {
  const threadId = useRoundtable((s) => viewedThread(s)?.id)
  const title = useRoundtable((s) => viewedThread(s)?.title)
  const panel = useRoundtable((s) => viewedThread(s)?.panel)
  // The branch on screen: the path from the first turn to the selected one (other branches are a ‹ › away).
  const turnIds = useRoundtable(useShallow(shownTurnIds))
  const replaying = useRoundtable(isReplaying)
  // While a replay shows, the header keeps the height it had at the start though its controls change: the turns do not move.
  const replayHeaderHeight = useReplayChoice((c) => c.headerHeight)
  const unsaved = useRoundtable((s) => s.unsaved.some((u) => u.threadId === threadId))
  const [panelOpen, setPanelOpen] = useState(false)

  if (!threadId || !panel) {
    return <EmptyState />
  }

  return (
    <section className="thread-view" data-testid="thread-view" data-thread-id={threadId}>
      <header className="thread-header" style={replaying && replayHeaderHeight ? { minHeight: replayHeaderHeight } : undefined}>
        <div className="thread-heading">
          <h2 className="thread-name">{title}</h2>
          <PanelChips panel={panel} onEdit={() => setPanelOpen(true)} />
        </div>
        <div className="thread-header-actions">
          <LayoutSwitch />
          {!replaying && <ThreadToolsButton threadId={threadId} />}
          <ReplayControls threadId={threadId} />
          <ExportMenu threadId={threadId} title={title} />
        </div>
      </header>
      {/* A new list per thread, and once its first turns arrive: it opens at the latest turn with fresh measurements. */}
      <TurnList key={`${threadId}:${turnIds.length > 0}`} threadId={threadId} turnIds={turnIds} panel={panel} replaying={replaying}>
        {!replaying && <QueuedPrompts />}
        {unsaved && (
          <p className="unsaved-note" data-testid="unsaved-note">
            ⚠ The latest answers of this thread are not saved yet: the app keeps retrying.
          </p>
        )}
      </TurnList>
      {replaying ? <ReplayBar /> : <Composer threadId={threadId} panel={panel} />}
      {panelOpen && <PanelPicker threadId={threadId} panel={panel} onClose={() => setPanelOpen(false)} />}
    </section>
  )
}
