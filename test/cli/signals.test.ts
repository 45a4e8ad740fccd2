import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { SAME_PRESS_MS, exitStatusOf, onStopSignal, type StopSignal } from '../../src/cli/signals'

describe('stop signals', () => {
  it('a second Ctrl-C relayed by a wrapper within the same press is ignored; a later one quits at once', () => {
    const process = new EventEmitter()
    let now = 1000
    const stops: StopSignal[] = []
    const quits: StopSignal[] = []
    const release = onStopSignal(process as never, (s) => stops.push(s), (s) => quits.push(s), () => now)
    process.emit('SIGINT')
    now += 100
    process.emit('SIGINT')
    process.emit('SIGTERM')
    expect(stops).toEqual(['SIGINT'])
    expect(quits).toEqual([])
    now += SAME_PRESS_MS
    process.emit('SIGINT')
    expect(quits).toEqual(['SIGINT'])
    release()
    expect(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM') + process.listenerCount('SIGHUP')).toBe(0)
  })

  it('exit with 128 + the signal number', () => {
    expect([exitStatusOf('SIGINT'), exitStatusOf('SIGTERM'), exitStatusOf('SIGHUP')]).toEqual([130, 143, 129])
  })
})
