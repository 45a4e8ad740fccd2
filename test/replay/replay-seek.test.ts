import { describe, expect, it } from 'vitest'
import type { Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import type { ReplayBatch } from '../../src/shared/ipc'
import { applyEvents } from '../../src/shared/thread-reducer'
import { replayThread, startReplay } from '../../src/main/core/replay/replay-thread'
import { ReplaySession } from '../../src/main/core/replay/replay-session'
import { logWriter, manualClock, newThread } from '../base/helpers'

/** Two recorded turns: parallel answers (0–1000 ms), then, 60 s later, one answer (0–400 ms). */
function recordedThread(): Thread {
  const stamp = logWriter()
  const log: RoundtableEvent[] = []
  const at = (t: number, body: EventBody): void => void log.push(stamp(body, t))
  at(0, { type: 'turn-start', turnId: 't1', mode: 'parallel', rounds: 1, panelistIds: ['a', 'b'], userMessageId: 'u1', startedAt: 1_000_000 })
  at(0, { type: 'message-start', turnId: 't1', messageId: 'u1', role: 'user', round: 0, stage: 'prompt', text: 'Why is the sky blue?' })
  at(5, { type: 'message-start', turnId: 't1', messageId: 'a1', role: 'assistant', panelistId: 'a', round: 0, stage: 'answer', text: '' })
  at(5, { type: 'message-start', turnId: 't1', messageId: 'b1', role: 'assistant', panelistId: 'b', round: 0, stage: 'answer', text: '' })
  at(400, { type: 'text-delta', messageId: 'a1', text: 'Because ' })
  at(400, { type: 'text-delta', messageId: 'b1', text: 'Short ' })
  at(650, { type: 'text-delta', messageId: 'a1', text: 'of scattering.' })
  at(700, { type: 'text-delta', messageId: 'b1', text: 'waves scatter.' })
  at(700, { type: 'message-end', messageId: 'b1', status: 'complete', finishReason: 'stop' })
  at(900, { type: 'message-end', messageId: 'a1', status: 'complete', finishReason: 'stop' })
  at(1000, { type: 'turn-end', turnId: 't1', status: 'complete' })
  at(0, { type: 'turn-start', turnId: 't2', mode: 'parallel', rounds: 1, panelistIds: ['a'], userMessageId: 'u2', startedAt: 1_061_000 })
  at(0, { type: 'message-start', turnId: 't2', messageId: 'u2', role: 'user', round: 0, stage: 'prompt', text: 'And at sunset?' })
  at(10, { type: 'message-start', turnId: 't2', messageId: 'a2', role: 'assistant', panelistId: 'a', round: 0, stage: 'answer', text: '' })
  at(200, { type: 'text-delta', messageId: 'a2', text: 'Red.' })
  at(250, { type: 'message-end', messageId: 'a2', status: 'complete' })
  at(400, { type: 'turn-end', turnId: 't2', status: 'complete' })
  return applyEvents(newThread(), log, { inPlace: true, timing: true })
}

/** Turn 1 lasts 1000 ms, the 60 s pause is shortened to 2000 ms, turn 2 lasts 400 ms. */
const TURN_2_AT = 3000
const DURATION = 3400

function play(thread: Thread, speed = 1, fromTurn = 0) {
  const clock = manualClock()
  const controller = replayThread(thread, { speed, clock, fromTurn })
  const arrivals: { at: number; events: RoundtableEvent[] }[] = []
  const done = (async () => {
    for await (const events of controller) arrivals.push({ at: clock.now(), events })
  })()
  const after = (at: number) => arrivals.filter((a) => a.at >= at).flatMap((a) => a.events.map((e) => ({ at: a.at, e })))
  return { controller, arrivals, done, clock, after }
}

const textOf = (thread: Thread, messageId: string) => thread.messages.find((m) => m.id === messageId)?.text

describe('replay timeline', () => {
  it('knows its length before playing, and it ends where the last event is due', async () => {
    const { controller, arrivals, clock, done } = play(recordedThread())
    expect(controller.duration).toBe(DURATION)
    await clock.advance(10_000)
    await done
    expect(arrivals.at(-1)!.at).toBe(DURATION)
  })

  it('reports its position in original time, at any speed, held while paused', async () => {
    const { controller, clock } = play(recordedThread(), 2)
    await clock.advance(300)
    expect(controller.position).toBe(600)
    controller.pause()
    await clock.advance(5_000)
    expect(controller.position).toBe(600)
    controller.resume()
    await clock.advance(100)
    expect(controller.position).toBe(800)
  })

  it('from a chosen turn: starts with that turn and is as long as what is left', async () => {
    const thread = recordedThread()
    const replay = startReplay(thread, { speed: 1, fromTurn: 1, clock: manualClock() })
    expect(replay.before.turns.map((t) => t.id)).toEqual(['t1'])
    expect(replay.controller.duration).toBe(400)
    const first = await replay.controller[Symbol.asyncIterator]().next()
    expect((first.value as RoundtableEvent[])[0]).toMatchObject({ type: 'turn-start', turnId: 't2' })
    replay.controller.stop()
  })
})

describe('seek', () => {
  it('jumps forward: returns everything due up to there, and plays on from there', async () => {
    const { controller, clock, after } = play(recordedThread())
    await clock.advance(100)
    const upTo = controller.seek(2000)
    expect(upTo.some((e) => e.type === 'turn-end')).toBe(true)
    expect(upTo.some((e) => e.type === 'turn-start' && e.turnId === 't2')).toBe(false)
    expect(controller.position).toBe(2000)
    await clock.advance(2000)
    const next = after(100)
    // Nothing before the seek point is played again; turn 2 comes 1000 ms later.
    expect(next[0]).toMatchObject({ at: 100 + (TURN_2_AT - 2000), e: { type: 'turn-start', turnId: 't2' } })
  })

  it('jumps back: returns only what is due up to there, and plays the rest again', async () => {
    const { controller, clock, after } = play(recordedThread())
    await clock.advance(3200)
    const upTo = controller.seek(500)
    expect(upTo.filter((e) => e.type === 'text-delta').map((e) => (e as { text: string }).text)).toEqual(['Because ', 'Short '])
    await clock.advance(199)
    expect(after(3201).map(({ at, e }) => [at, e.type])).toEqual([[3200 + 150, 'text-delta']])
  })

  it('while paused: moves the position and stays paused', async () => {
    const { controller, clock, arrivals } = play(recordedThread())
    await clock.advance(100)
    controller.pause()
    const seen = arrivals.length
    controller.seek(3100)
    expect(controller.position).toBe(3100)
    await clock.advance(5_000)
    expect(arrivals.length).toBe(seen)
    expect(controller.state).toBe('paused')
  })

  it('paused at the end by a seek, it stays open: a seek back plays on', async () => {
    const { controller, clock, after } = play(recordedThread())
    await clock.advance(100)
    controller.pause()
    controller.seek(DURATION)
    await clock.advance(5_000)
    expect(controller.state).toBe('paused')
    controller.seek(TURN_2_AT)
    controller.resume()
    await clock.advance(1_000)
    expect(after(5_100).map(({ e }) => e.type)).toContain('text-delta')
    expect(controller.state).toBe('ended')
  })

  it('clamps to the timeline', async () => {
    const { controller, clock } = play(recordedThread())
    await clock.advance(10)
    controller.seek(-50)
    expect(controller.position).toBe(0)
    controller.pause()
    controller.seek(99_999)
    expect(controller.position).toBe(DURATION)
  })
})

describe('ReplaySession', () => {
  function session(thread = recordedThread()) {
    const clock = manualClock()
    const batches: ReplayBatch[] = []
    const replay = startReplay(thread, { speed: 1, clock })
    const s = new ReplaySession('r1', thread.id, replay, (sent) => batches.push(...sent))
    const done = s.play()
    return { s, batches, clock, done, thread }
  }

  it('tells the window the timeline: duration, position and speed on every batch', async () => {
    const { batches, clock, s, done } = session()
    expect(batches[0]).toMatchObject({ duration: DURATION, position: 0, speed: 1, state: 'playing' })
    await clock.advance(700)
    s.pause()
    const [events, paused] = batches.slice(-2)
    expect(events).toMatchObject({ position: 700, state: 'playing' })
    expect(events!.events.map((e) => e.type)).toContain('text-delta')
    expect(paused).toMatchObject({ position: 700, state: 'paused' })
    s.setSpeed(4)
    expect(batches.at(-1)).toMatchObject({ state: 'paused', speed: 4, position: 700 })
    s.stop()
    await done
  })

  it('a seek sends the thread as it stood at that time, and later events build on it', async () => {
    const { batches, clock, s, done, thread } = session()
    await clock.advance(3300)
    s.seek(700)
    const seeked = batches.at(-1)!
    expect(seeked.position).toBe(700)
    const view = seeked.snapshot!
    expect(view.turns.map((t) => t.id)).toEqual(['t1'])
    expect(textOf(view, 'a1')).toBe('Because of scattering.')
    expect(textOf(view, 'b1')).toBe('Short waves scatter.')
    expect(view.messages.find((m) => m.id === 'a1')!.status).toBe('streaming')
    await clock.advance(10_000)
    await done
    let shown = view
    for (const batch of batches.slice(batches.indexOf(seeked) + 1)) shown = applyEvents(shown, batch.events.filter((e) => e.seq > shown.seq))
    expect(shown.messages.map((m) => [m.id, m.text, m.status])).toEqual(thread.messages.map((m) => [m.id, m.text, m.status]))
  })

  it('a seek back to the start shows only what is due at 0: the first prompt', async () => {
    const { batches, clock, s } = session()
    await clock.advance(800)
    s.seek(0)
    const view = batches.at(-1)!.snapshot!
    expect(view.turns.map((t) => t.id)).toEqual(['t1'])
    expect(view.messages.map((m) => m.id)).toEqual(['u1'])
    s.stop()
  })
})
