/** The CLI's usage text and the error that sends it (exit status 2). */

export const USAGE = `Usage: roundtable <command> [options]

Commands:
  ask "<prompt>"       Ask the panel; answers stream live, one labelled line at a time
      --panel P,...    Panelists as provider:model or provider:model=Display Name
                       (openai, anthropic, gemini, demo, openai-compatible, or a named
                       endpoint from settings such as ollama:llama3.2)
      --thread ID      Continue a thread instead of starting a new one
      --mode M         parallel (default), debate or council
      --rounds N       Rounds of a debate (1-10, default 1)
      --chair NAME     Council chair, by panelist name or id
      --json           Print every event as one JSON line instead
  threads [--json]     List threads, newest first
  show ID [--json]     Print a stored thread as a transcript (or its JSON)
  export ID --format md|json
                       Print a thread as Markdown or JSON
  replay ID [--speed N]
                       Play a thread again at its original timing (× N)

Keys come from OPENAI_API_KEY, ANTHROPIC_API_KEY and GEMINI_API_KEY; with none set the
offline Demo panel answers. ROUNDTABLE_DATA_DIR chooses the data folder.
Exit status: 0 all answered, 1 a panelist failed (or another error), 2 bad usage, 130 interrupted.
`

/** Bad command-line usage: the message and the usage text go to stderr, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
