/** A panelist's provider/model label; the offline demo is always called "Demo". */
import type { Panelist } from '../../../shared/domain'
import { PROVIDERS } from '../../../shared/providers'

/** E.g. "Anthropic · claude-sonnet", "ollama · llama3", "Demo · demo-sage". */
export function modelLabel(p: Pick<Panelist, 'provider' | 'endpoint' | 'model'>): string {
  const provider = p.provider === 'openai-compatible' && p.endpoint ? p.endpoint : PROVIDERS[p.provider].label
  return `${provider} · ${p.model}`
}
