/** Defaults shared by the HTTP adapters. */

/** SDK timeout for connecting and the whole stream when the config gives none. */
export const DEFAULT_TIMEOUT_MS = 10 * 60_000

/** Anthropic requires `max_tokens`; this is used when the request gives none. */
export const DEFAULT_MAX_TOKENS = 4096
