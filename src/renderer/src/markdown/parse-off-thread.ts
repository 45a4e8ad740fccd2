/**
 * Parsing Markdown off the page's main thread: one worker for every answer, replies in the order asked. The blocks
 * asked for in one task go as one message, and their trees come back in one, so the page applies them in one task
 * (one React render). Should the worker fail to start, blocks are parsed in the page: slower, never lost.
 */
import type { Root } from 'hast'
import { blockToHast, type MarkdownBlock } from './markdown-pipeline'
import type { ParseReply, ParseRequest } from './markdown-worker'

interface Pending {
  block: MarkdownBlock
  resolve: (tree: Root) => void
  reject: (error: Error) => void
}

let worker: Worker | undefined
let workerFailed = false
let nextId = 0
const pending = new Map<number, Pending>()
/** Requests of the current task, sent together when it ends. */
let batch: ParseRequest[] = []

/** Start the Markdown worker ahead of the first stream: it takes a few hundred milliseconds to load and compile. */
export function startMarkdownWorker(): void {
  if (!workerFailed) worker ??= startWorker()
}

/** The hast of `block`, parsed in the Markdown worker (in the page if the worker could not start). */
export function parseOffThread(block: MarkdownBlock): Promise<Root> {
  const parser = workerFailed ? undefined : (worker ??= startWorker())
  if (!parser) return Promise.resolve().then(() => blockToHast(block))
  return new Promise((resolve, reject) => {
    const id = nextId++
    pending.set(id, { block, resolve, reject })
    if (batch.length === 0) queueMicrotask(() => send(parser))
    batch.push({ id, ...block })
  })
}

function send(parser: Worker): void {
  if (parser === worker) parser.postMessage(batch)
  batch = []
}

function startWorker(): Worker | undefined {
  try {
    const started = new Worker(new URL('./markdown-worker.ts', import.meta.url), { type: 'module', name: 'markdown' })
    started.onmessage = ({ data }: MessageEvent<ParseReply[]>) => data.forEach(settle)
    // The worker's script did not load or did not run: parse what it was given, and everything after, in the page.
    started.onerror = (event) => {
      event.preventDefault()
      fallBackToPage()
    }
    return started
  } catch {
    workerFailed = true
    return undefined
  }
}

function settle(reply: ParseReply): void {
  const request = pending.get(reply.id)
  if (!request) return
  pending.delete(reply.id)
  if ('tree' in reply) request.resolve(reply.tree)
  else request.reject(new Error(`Markdown could not be parsed: ${reply.error}`))
}

function fallBackToPage(): void {
  workerFailed = true
  worker?.terminate()
  worker = undefined
  for (const { block, resolve, reject } of pending.values()) {
    try {
      resolve(blockToHast(block))
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  }
  pending.clear()
}
