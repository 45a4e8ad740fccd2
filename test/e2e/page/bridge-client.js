// The e2e stand-in for the preload: `window.roundtable` over a WebSocket to the bridge server.
/* global window, location */
;(() => {
  const socket = new WebSocket(`ws://${location.host}/bridge`)
  const open = new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener('error', () => reject(new Error('bridge connection failed')), { once: true })
  })
  const pending = new Map()
  const listeners = new Map()
  let nextId = 0

  socket.addEventListener('message', ({ data }) => {
    const message = JSON.parse(data)
    if ('id' in message) {
      const request = pending.get(message.id)
      pending.delete(message.id)
      const { envelope } = message
      if (envelope.ok) request.resolve(envelope.value)
      else request.reject(new Error(envelope.error.message))
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
    }
  })

  window.roundtable = Object.freeze({
    async invoke(channel, payload) {
      await open
      const id = ++nextId
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        socket.send(JSON.stringify({ id, channel, payload }))
      })
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set.add(listener))
      return () => set.delete(listener)
    },
  })
})()
