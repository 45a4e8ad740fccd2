/** Choosing per tool: which of a thread's tools are switched off or allowed, and each tool's approval policy in settings. */
import type { McpServerConfig, McpToolInfo, ToolPolicy } from '../../../shared/tools'

/** `list` with `name` in it (once, added at the end) or without it. */
export function withName(list: readonly string[], name: string, present: boolean): string[] {
  if (present) return list.includes(name) ? [...list] : [...list, name]
  return list.filter((n) => n !== name)
}

/** Names of `list` that none of `shown` is: allowed tools the dialog has no row for (server unticked, unreachable, tool gone). */
export function namesNotShown(list: readonly string[], shown: readonly string[]): string[] {
  const seen = new Set(shown)
  return list.filter((n) => !seen.has(n))
}

type PolicyServer = Pick<McpServerConfig, 'policy' | 'toolPolicies'>
type PolicyTool = Pick<McpToolInfo, 'name' | 'destructive'>

/** What a tool does without a rule of its own: a destructive tool always asks; others follow the server. */
export const defaultToolPolicy = (server: PolicyServer, tool: PolicyTool): ToolPolicy => (tool.destructive ? 'ask' : server.policy)

/** The tool's policy as settings have it: its own rule, or the default. */
export const toolPolicyOf = (server: PolicyServer, tool: PolicyTool): ToolPolicy => server.toolPolicies[tool.name] ?? defaultToolPolicy(server, tool)

/** The server with `tool`'s rule set to `policy`; choosing the default removes the rule, so the tool follows the server again. */
export function withToolPolicy<S extends PolicyServer>(server: S, tool: PolicyTool, policy: ToolPolicy): S {
  const { [tool.name]: _old, ...others } = server.toolPolicies
  const toolPolicies = policy === defaultToolPolicy(server, tool) ? others : { ...others, [tool.name]: policy }
  return { ...server, toolPolicies }
}

/** Tools allowed by name in settings (shown on the server's row, so they can be seen and revoked without a test). */
export const alwaysAllowed = (server: PolicyServer): string[] =>
  Object.entries(server.toolPolicies)
    .filter(([, policy]) => policy === 'allow')
    .map(([name]) => name)
    .sort()

/** The server without a rule of its own for `toolName` (the tool follows the server again). */
export function withoutToolRule<S extends PolicyServer>(server: S, toolName: string): S {
  const { [toolName]: _old, ...toolPolicies } = server.toolPolicies
  return { ...server, toolPolicies }
}
