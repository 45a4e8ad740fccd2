/** The core's neutral error: a stable code a front end can act on, and a message a person can read. */

/** A failure with a code (`not-found`, `busy`, `bad-panel`…); the IPC layer turns it into an envelope, the CLI into a line. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}
