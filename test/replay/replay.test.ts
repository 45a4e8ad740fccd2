import { describe, expect, it } from 'vitest'
import type { Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { applyEvents } from '../../src/shared/thread-reducer'
import { reconstructEvents, replayThread, threadBefore } from '../../src/main/core/replay/replay-thread'
import { logWriter, manualClock, newThread } from '../base/helpers'

/** A recorded thread: two parallel answers with reasoning, then a council turn 60 s later. */
function recordedThread(): Thread {
  const stamp = logWriter()
  const log: RoundtableEvent[] = []
  const at = (t: number, body: EventBody): void => void log.push(stamp(body, t))
  at(0, { type: 'turn-start', turnId: 't1', mode: 'parallel', rounds: 1, panelistIds: ['a', 'b'], userMessageId: 'u1', startedAt: 1_000_000 })
  at(0, { type: 'message-start', turnId: 't1', messageId: 'u1', role: 'user', round: 0, stage: 'prompt', text: 'Why is the sky blue?' })
  at(5, { type: 'message-start', turnId: 't1', messageId: 'a1', role: 'assistant', panelistId: 'a', round: 0, stage: 'answer', text: '' })
  at(5, { type: 'message-start', turnId: 't1', messageId: 'b1', role: 'assistant', panelistId: 'b', round: 0, stage: 'answer', text: '' })
  at(300, { type: 'reasoning-delta', messageId: 'a1', text: 'Rayleigh…' })
  at(400, { type: 'text-delta', messageId: 'a1', text: 'Because ' })
  at(400, { type: 'text-delta', messageId: 'b1', text: 'Short ' })
  at(650, { type: 'text-delta', messageId: 'a1', text: 'of scattering.' })
  at(700, { type: 'text-delta', messageId: 'b1', text: 'waves scatter.' })
  at(700, { type: 'message-metrics', messageId: 'b1', metrics: { ttftMs: 395, tokensPerSecond: 12 } })
  at(700, { type: 'message-end', messageId: 'b1', status: 'complete', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5 } })
  at(900, { type: 'message-end', messageId: 'a1', status: 'error', error: { kind: 'network', message: 'reset' } })
  at(1000, { type: 'turn-end', turnId: 't1', status: 'complete' })
  at(0, { type: 'turn-start', turnId: 't2', mode: 'council', rounds: 1, panelistIds: ['a', 'b'], userMessageId: 'u2', chairId: 'a', startedAt: 1_061_000 })
  at(0, { type: 'message-start', turnId: 't2', messageId: 'u2', role: 'user', round: 0, stage: 'prompt', text: 'Rank.' })
  at(10, { type: 'message-start', turnId: 't2', messageId: 'r1', role: 'assistant', panelistId: 'b', round: 0, stage: 'review', text: '' })
  at(200, { type: 'text-delta', messageId: 'r1', text: 'A is best.' })
  at(250, { type: 'message-end', messageId: 'r1', status: 'complete' })
  at(250, { type: 'ranking-add', turnId: 't2', ranking: { reviewerId: 'b', order: ['a'], reasons: 'clear' } })
  at(400, { type: 'turn-end', turnId: 't2', status: 'complete' })
  return applyEvents(newThread(), log, { inPlace: true, timing: true })
}

/** Run a replay against a manual clock, noting when (clock ms) each batch arrived. */
function play(thread: Thread, speed: number, clock = manualClock()) {
  const controller = replayThread(thread, { speed, clock })
  const arrivals: { at: number; events: RoundtableEvent[] }[] = []
  const done = (async () => {
    for await (const events of controller) arrivals.push({ at: clock.now(), events })
  })()
  return { controller, arrivals, done, clock }
}

const byId = (arrivals: { at: number; events: RoundtableEvent[] }[]) =>
  arrivals.flatMap(({ at, events }) => events.map((e) => ({ at, type: e.type, id: 'messageId' in e ? e.messageId : '' })))

describe('reconstructEvents', () => {
  it('rebuilds the recorded thread exactly, timing included', () => {
    const thread = recordedThread()
    const rebuilt = applyEvents(threadBefore(thread, 0), reconstructEvents(thread), { timing: true })
    expect({ ...rebuilt, seq: 0 }).toEqual({ ...thread, seq: 0 })
  })

  it('starts from the thread before a given turn', () => {
    const thread = recordedThread()
    const before = threadBefore(thread, 1)
    expect(before.turns.map((t) => t.id)).toEqual(['t1'])
    expect(before.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'b1'])
    expect(applyEvents(before, reconstructEvents(thread, 1), { timing: true }).messages).toEqual(thread.messages)
  })
})

describe('replayThread', () => {
  it('delivers each batch at origin + t/speed and compresses long pauses between turns to 2 s', async () => {
    const { arrivals, done, clock } = play(recordedThread(), 2)
    await clock.advance(10_000)
    await done
    const due = byId(arrivals)
    expect(due.find((e) => e.type === 'reasoning-delta')!.at).toBe(150)
    expect(due.filter((e) => e.type === 'text-delta').map((e) => e.at)).toEqual([200, 200, 325, 350, (1000 + 2000 + 200) / 2])
    expect(due.find((e) => e.type === 'turn-end')!.at).toBe(500)
    // Turn 2 starts 2 s (of original time) after turn 1 ended, not 60 s.
    expect(due.filter((e) => e.type === 'turn-start').map((e) => e.at)).toEqual([0, (1000 + 2000) / 2])
    expect(arrivals.find((a) => a.at === 200)!.events).toHaveLength(2)
  })

  it('pauses and resumes, shifting what is left by the pause', async () => {
    const { controller, arrivals, clock } = play(recordedThread(), 1)
    await clock.advance(500)
    controller.pause()
    expect(controller.state).toBe('paused')
    const before = arrivals.length
    await clock.advance(10_000)
    expect(arrivals.length).toBe(before)
    controller.resume()
    await clock.advance(10_000)
    expect(byId(arrivals).find((e) => e.type === 'text-delta' && e.id === 'a1' && e.at > 500)!.at).toBe(650 + 10_000)
    expect(controller.state).toBe('ended')
  })

  it('re-bases on a speed change without jumping', async () => {
    const { controller, arrivals, clock } = play(recordedThread(), 1)
    await clock.advance(400)
    controller.setSpeed(4)
    await clock.advance(10_000)
    const due = byId(arrivals)
    // 650 ms of original time is 250 ms past the change, a quarter of that at 4×.
    expect(due.find((e) => e.type === 'text-delta' && e.at > 400)!.at).toBe(400 + 250 / 4)
    expect(controller.speed).toBe(4)
  })

  it('does not drift when sleeps end late', async () => {
    const exact = play(recordedThread(), 1)
    const late = play(recordedThread(), 1, manualClock(0, 7))
    await exact.clock.advance(10_000)
    await late.clock.advance(10_000)
    const onTime = byId(exact.arrivals)
    const lagging = byId(late.arrivals)
    expect(lagging.map((e) => e.type)).toEqual(onTime.map((e) => e.type))
    // Every batch is at most one oversleep late, however many came before it.
    lagging.forEach((e, i) => expect(e.at - onTime[i]!.at).toBeGreaterThanOrEqual(0))
    lagging.forEach((e, i) => expect(e.at - onTime[i]!.at).toBeLessThanOrEqual(7))
  })

  it('stops at once', async () => {
    const { controller, done, clock, arrivals } = play(recordedThread(), 1)
    await clock.advance(350)
    controller.stop()
    await done
    expect(controller.state).toBe('ended')
    expect(byId(arrivals).every((e) => e.at <= 350)).toBe(true)
  })
})
