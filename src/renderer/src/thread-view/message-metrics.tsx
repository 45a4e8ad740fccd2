/** Live figures of an answer: time to first token, tokens per second, cost, tokens out. */
import type { Message } from '../../../shared/domain'

const formatMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`)
const formatCost = (usd: number) => (usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`)

/** The metrics line of a column header; empty until the first figure arrives. */
export function MessageMetrics({ metrics, usage }: Pick<Message, 'metrics' | 'usage'>) {
  const parts: string[] = []
  if (metrics?.ttftMs !== undefined) parts.push(`TTFT ${formatMs(metrics.ttftMs)}`)
  if (metrics?.tokensPerSecond !== undefined) parts.push(`${metrics.tokensPerSecond.toFixed(1)} tok/s`)
  if (usage) parts.push(`${usage.outputTokens} tok`)
  if (metrics?.costUsd !== undefined) parts.push(formatCost(metrics.costUsd))
  if (parts.length === 0) return null
  return <span className="metrics">{parts.join(' · ')}</span>
}
