/** A tool's read-only / destructive marks, as its server declares them. */
import type { McpToolInfo } from '../../../shared/tools'

export function ToolBadges({ tool }: { tool: Pick<McpToolInfo, 'readOnly' | 'destructive'> }) {
  return (
    <>
      {tool.readOnly && (
        <span className="tool-badge read-only" title="The server says this tool only reads">
          read-only
        </span>
      )}
      {tool.destructive && (
        <span className="tool-badge destructive" title="The server says this tool may change or delete things">
          destructive
        </span>
      )}
    </>
  )
}
