/** The one error type every provider failure becomes. */
import type { MessageError, ProviderErrorKind } from '../../../shared/domain'
import { redactKnown, redactSecrets } from '../base/redact-secrets'

export interface ProviderErrorInit {
  provider: string
  status?: number
  retryAfterMs?: number
  cause?: unknown
}

/** A provider failure, classified; `message` is the provider's own words where it gave any, key-like text masked. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind
  readonly provider: string
  readonly status?: number
  readonly retryAfterMs?: number

  constructor(kind: ProviderErrorKind, message: string, init: ProviderErrorInit) {
    super(redactSecrets(message), { cause: init.cause })
    this.name = 'ProviderError'
    this.kind = kind
    this.provider = init.provider
    this.status = init.status
    this.retryAfterMs = init.retryAfterMs
  }

  /** Whether trying again later may succeed. */
  get retryable(): boolean {
    const transient = this.kind === 'rate-limit' || this.kind === 'overloaded' || this.kind === 'network' || this.kind === 'timeout'
    return transient || (this.kind === 'unknown' && (this.status ?? 0) >= 500)
  }

  /** The same failure with `secrets` (and anything key-like) masked in its message and no raw cause kept: what may leave the provider layer. */
  redacted(secrets: readonly (string | undefined)[]): ProviderError {
    return new ProviderError(this.kind, redactKnown(this.message, secrets), { provider: this.provider, status: this.status, retryAfterMs: this.retryAfterMs })
  }

  /** The JSON-safe form stored on a message. */
  toMessageError(): MessageError {
    const error: MessageError = { kind: this.kind, message: this.message, provider: this.provider }
    if (this.status !== undefined) error.status = this.status
    if (this.retryAfterMs !== undefined) error.retryAfterMs = this.retryAfterMs
    return error
  }
}
