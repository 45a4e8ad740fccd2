/** A panelist's provider/model label; the offline demo is always called "Demo". */
import type { Panelist } from '../../../shared/domain'

const PROVIDER_LABELS: Record<Panelist['provider'], string> = {
  openai: 'OpenAI',
  'openai-compatible': 'OpenAI-compatible',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
  demo: 'Demo',
}

/** E.g. "Anthropic · claude-sonnet", "ollama · llama3", "Demo · demo-sage". */
export function modelLabel(p: Pick<Panelist, 'provider' | 'endpoint' | 'model'>): string {
  const provider = p.provider === 'openai-compatible' && p.endpoint ? p.endpoint : PROVIDER_LABELS[p.provider]
  return `${provider} · ${p.model}`
}
