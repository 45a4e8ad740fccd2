/** The labelled replay speed select, in the header before a replay and in the replay bar during one. */
import { REPLAY_SPEEDS, speedLabel } from './replay-start'

/** "Speed" and its choices (0.5×–8×). */
export function SpeedSelect({ value, onChange }: { value: number; onChange: (speed: number) => void }) {
  return (
    <label className="replay-field">
      Speed
      <select data-testid="replay-speed" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {REPLAY_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {speedLabel(s)}
          </option>
        ))}
      </select>
    </label>
  )
}
