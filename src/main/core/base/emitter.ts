/** A list of listeners (VS Code's Emitter): `event` subscribes and returns the unsubscribe. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>()

  /** Listen; call the returned function to stop. */
  readonly event = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value)
  }
}
