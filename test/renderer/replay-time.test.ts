import { describe, expect, it } from 'vitest'
import { clockTime, speedLabel } from '../../src/renderer/src/replay/replay-start'

describe('replay times and speeds as the bar says them', () => {
  it('says times as m:ss, and h:mm:ss past an hour', () => {
    expect(clockTime(0)).toBe('0:00')
    expect(clockTime(12_900)).toBe('0:12')
    expect(clockTime(65_000)).toBe('1:05')
    expect(clockTime(3_725_000)).toBe('1:02:05')
  })

  it('says speeds as multiples', () => {
    expect(speedLabel(0.5)).toBe('0.5×')
    expect(speedLabel(4)).toBe('4×')
  })
})
