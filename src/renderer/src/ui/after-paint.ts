/** Work that must not delay a frame: run in a task of its own right after the next frame is painted. */

const queue: (() => void)[] = []
let channel: MessageChannel | undefined

/** Run `callback` in its own task just after the frame being produced is painted (a rAF, then a posted task). */
export function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    queue.push(callback)
    post()
  })
}

function post(): void {
  if (!channel) {
    channel = new MessageChannel()
    channel.port1.onmessage = () => queue.shift()?.()
  }
  channel.port2.postMessage(null)
}
