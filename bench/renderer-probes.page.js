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
  const pressed = []
  document.addEventListener('keydown', (event) => pressed.push(event.timeStamp), true)
  document.addEventListener(
    'input',
    () => {
      const down = pressed.shift()
      if (down === undefined) return
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => state.keyToPaint.push(performance.now() - down)
        channel.port2.postMessage(null)
      })
    },
    true,
  )
})()
