/** The user's say over tool calls: which tools a thread offers, which calls run without asking, and the answers to those that ask. */
import { AppError } from '../../../shared/app-error'
import type { Panelist, Thread } from '../../../shared/domain'
import type { ToolSettings } from '../../../shared/tools'
import type { ApprovalAnswer, ApprovalRequest, ToolSession } from '../chat/tool-loop'
import type { ResolvedTool, ToolSource } from '../tools/tool-source'

/** How the user answered a call waiting for approval. */
export interface ToolDecision {
  decision: 'approve' | 'deny'
  /** Arguments edited before approving. */
  args?: Record<string, unknown>
  /** Allow this tool from now on: in this thread, or always (in settings). */
  remember?: 'thread' | 'always'
}

export interface ToolGateDeps {
  source: ToolSource
  settings: () => ToolSettings
  /** Allow the tool (exposed name) without asking in this thread from now on. */
  allowInThread: (threadId: string, exposedName: string) => void
  /** Allow the server's tool without asking everywhere from now on (settings). */
  allowAlways: (server: string, tool: string) => Promise<void>
}

interface Pending {
  request: ApprovalRequest
  settle: (answer: ApprovalAnswer) => void
}

/** Holds every call waiting for the user, across threads, until it is answered, stopped or timed out. */
export class ToolGate {
  private readonly pending = new Map<string, Pending>()

  constructor(private readonly deps: ToolGateDeps) {}

  /** The tools a turn on `thread` offers; none when the thread uses no server. `thread` is read live (allowances change mid-turn). */
  session(thread: Readonly<Thread>): ToolSession | undefined {
    if (!thread.tools?.servers.length) return undefined
    const settings = this.deps.settings()
    return {
      maxSteps: settings.maxSteps,
      callTimeoutMs: settings.callTimeoutMs,
      tools: (_panelist: Panelist) => this.toolsOf(thread),
      preapproved: (tool) => this.preapproved(thread, tool),
      askUser: (request, signal) => this.ask(thread.id, request, signal),
      call: (tool, args, options) => this.deps.source.call(tool.server, tool.tool, args, options),
    }
  }

  /** Answer a waiting call; throws `not-found` when it is not waiting (answered, stopped or timed out already). */
  async decide(threadId: string, callId: string, decision: ToolDecision): Promise<void> {
    const pending = this.pending.get(key(threadId, callId))
    if (!pending) throw new AppError('not-found', 'This tool call is no longer waiting for approval')
    const { tool } = pending.request
    // The answer counts first; remembering it (a settings write that may fail) comes after.
    pending.settle(decision.decision === 'approve' ? { outcome: 'approved', ...(decision.args ? { args: decision.args } : {}) } : { outcome: 'denied' })
    if (decision.decision === 'approve' && decision.remember === 'thread') this.deps.allowInThread(threadId, tool.definition.name)
    if (decision.decision === 'approve' && decision.remember === 'always') await this.deps.allowAlways(tool.server, tool.tool)
  }

  private async toolsOf(thread: Readonly<Thread>): Promise<ResolvedTool[]> {
    const { servers = [], disabledTools = [] } = thread.tools ?? {}
    const enabled = new Set(this.deps.settings().servers.filter((s) => s.enabled).map((s) => s.name))
    const tools = await this.deps.source.tools(servers.filter((name) => enabled.has(name)))
    return tools.filter((tool) => !disabledTools.includes(tool.definition.name))
  }

  /**
   * Allowed by name (this tool in settings, or in this thread) runs without asking; a tool set to ask, or a destructive
   * one, asks; otherwise the server's policy decides.
   */
  private preapproved(thread: Readonly<Thread>, tool: ResolvedTool): boolean {
    const server = this.deps.settings().servers.find((s) => s.name === tool.server)
    const own = server?.toolPolicies[tool.tool]
    if (own === 'allow' || thread.tools?.allowedTools.includes(tool.definition.name)) return true
    if (own === 'ask' || tool.destructive) return false
    return server?.policy === 'allow'
  }

  private ask(threadId: string, request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    const id = key(threadId, request.callId)
    return new Promise<ApprovalAnswer>((resolve) => {
      const settle = (answer: ApprovalAnswer): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.pending.delete(id)
        resolve(answer)
      }
      const onAbort = (): void => settle({ outcome: 'cancelled' })
      const timer = setTimeout(() => settle({ outcome: 'timed-out' }), this.deps.settings().approvalTimeoutMs)
      if (signal.aborted) return settle({ outcome: 'cancelled' })
      signal.addEventListener('abort', onAbort, { once: true })
      this.pending.set(id, { request, settle })
    })
  }
}

const key = (threadId: string, callId: string): string => `${threadId}/${callId}`
