/** The CLI's usage text and the error that sends it (exit status 2). */

export const USAGE = `Usage: roundtable <command> [options]

Commands:
  ask "<prompt>"       Ask the panel; answers stream live, one labelled line at a time
                       (ask - or no prompt: read it from standard input)
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
  export ID [--format md|json] [--json]
                       Print a thread as Markdown (default) or JSON
  replay ID [--speed N] [--json]
                       Play a thread again at its original timing (× N)
  rename ID "title"    Give a thread a new title
  delete ID            Delete a thread

A thread ID may be shortened to any prefix that names one thread. Keys come from
OPENAI_API_KEY, ANTHROPIC_API_KEY and GEMINI_API_KEY; with none set the offline Demo
panel answers. ROUNDTABLE_DATA_DIR chooses the data folder. threads, show, export and
replay only read it, so they work while the app or another ask is running.
Exit status: 0 all answered, 1 a panelist failed (or another error), 2 bad usage,
130/143/129 stopped by SIGINT/SIGTERM/SIGHUP.
`

/** Bad command-line usage: the message and the usage text go to stderr, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
