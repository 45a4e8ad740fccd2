/* global document, requestAnimationFrame */
// Runs in the renderer bench's page before the app's scripts (page.addInitScript): a rAF loop recording frame times,
// a long-task observer, and a keydown → paint timer (from the key event's timestamp, when the browser got it, to just
// after the next frame that shows its input). Read and reset through `globalThis.benchProbes`.
;(() => {
  const state = { recording: false, frames: [], longTasks: [], keyToPaint: [] }
  globalThis.benchProbes = state
  let previous = 0
  const frame = (t) => {
    if (state.recording && previous) state.frames.push(t - previous)
    previous = t
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  new PerformanceObserver((list) => {
    if (state.recording) for (const entry of list.getEntries()) state.longTasks.push(entry.duration)
  }).observe({ type: 'longtask' })
  // A key's input follows its keydown before the next keydown; keys that change nothing (Control, Enter) are dropped.
  let down
  document.addEventListener('keydown', (event) => (down = event.timeStamp), true)
  document.addEventListener(
    'input',
    () => {
      if (down === undefined) return
      const at = down
      down = undefined
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => state.keyToPaint.push(performance.now() - at)
        channel.port2.postMessage(null)
      })
    },
    true,
  )
})()
