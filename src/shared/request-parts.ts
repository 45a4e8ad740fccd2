/** A request body as the parts a person reads: system prompt, each turn of the history, tool definitions — with a token estimate each. */

/** One part of a request, in the order it was sent. */
export interface RequestPart {
  /** What it is: "System prompt", "User", "Assistant", "Tool result", "Tools". */
  label: string
  text: string
  /** An estimate (about four characters a token): the providers' own tokenizers are not available offline. */
  tokens: number
}

type Json = Record<string, unknown>
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : [])
const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const estimate = (text: string): number => Math.ceil(text.length / 4)
const part = (label: string, text: string): RequestPart => ({ label, text, tokens: estimate(text) })

/** The parts of a request body the way `provider` spells it; a body that does not parse is one raw part. */
export function requestParts(provider: string, body: string): RequestPart[] {
  let json: Json
  try {
    json = JSON.parse(body) as Json
  } catch {
    return [part('Request', body)]
  }
  const parts = provider === 'anthropic' ? anthropicParts(json) : provider === 'gemini' ? geminiParts(json) : openAiParts(json)
  const tools = toolNames(json)
  return tools.length ? [...parts, { ...part(`Tools (${tools.length})`, tools.join(', ')), tokens: estimate(JSON.stringify(json.tools)) }] : parts
}

const ROLE_LABELS: Record<string, string> = { system: 'System prompt', developer: 'System prompt', user: 'User', assistant: 'Assistant', model: 'Assistant', tool: 'Tool result' }
const roleLabel = (role: unknown): string => ROLE_LABELS[str(role)] ?? str(role)

function openAiParts(json: Json): RequestPart[] {
  return list(json.messages).map((m) => {
    const calls = list(m.tool_calls).map((c) => `call ${str((c.function as Json | undefined)?.name)}(${str((c.function as Json | undefined)?.arguments)})`)
    const content = typeof m.content === 'string' ? m.content : list(m.content).map(openAiContent).join('\n')
    return part(calls.length ? 'Assistant (tool calls)' : roleLabel(m.role), [content, ...calls].filter(Boolean).join('\n'))
  })
}

function openAiContent(item: Json): string {
  if (item.type === 'text') return str(item.text)
  if (item.type === 'image_url') return imageNote(str((item.image_url as Json | undefined)?.url))
  return `[${str(item.type)}]`
}

function anthropicParts(json: Json): RequestPart[] {
  const system = typeof json.system === 'string' ? json.system : list(json.system).map((b) => str(b.text)).join('\n')
  const turns = list(json.messages).map((m) => {
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : list(m.content)
    const results = blocks.some((b) => b.type === 'tool_result')
    return part(results ? 'Tool result' : roleLabel(m.role), blocks.map(anthropicBlock).join('\n'))
  })
  return system ? [part('System prompt', system), ...turns] : turns
}

function anthropicBlock(block: Json): string {
  switch (block.type) {
    case 'text':
      return str(block.text)
    case 'image':
      return imageNote(`;${str((block.source as Json | undefined)?.data)}`)
    case 'tool_use':
      return `call ${str(block.name)}(${JSON.stringify(block.input ?? {})})`
    case 'tool_result':
      return typeof block.content === 'string' ? block.content : list(block.content).map(anthropicBlock).join('\n')
    default:
      return `[${str(block.type)}]`
  }
}

function geminiParts(json: Json): RequestPart[] {
  const system = list((json.systemInstruction as Json | undefined)?.parts).map((p) => str(p.text)).join('\n')
  const turns = list(json.contents).map((c) => {
    const parts = list(c.parts)
    const results = parts.some((p) => p.functionResponse)
    return part(results ? 'Tool result' : roleLabel(c.role), parts.map(geminiPart).join('\n'))
  })
  return system ? [part('System prompt', system), ...turns] : turns
}

function geminiPart(p: Json): string {
  if (typeof p.text === 'string') return p.text
  if (p.inlineData) return imageNote(`;${str((p.inlineData as Json).data)}`)
  if (p.functionCall) return `call ${str((p.functionCall as Json).name)}(${JSON.stringify((p.functionCall as Json).args ?? {})})`
  if (p.functionResponse) return JSON.stringify((p.functionResponse as Json).response ?? {})
  return '[part]'
}

/** Names of the tools a request declared, in any of the three shapes. */
function toolNames(json: Json): string[] {
  return list(json.tools).flatMap((t) => {
    if (t.function) return [str((t.function as Json).name)]
    if (t.functionDeclarations) return list(t.functionDeclarations).map((d) => str(d.name))
    return t.name ? [str(t.name)] : []
  })
}

/** An image as a short note with its size: the data itself is not for reading. */
function imageNote(url: string): string {
  const data = url.slice(url.indexOf(';') + 1).replace(/^base64,/, '')
  return `[image, ${Math.round((data.length * 3) / 4 / 1024)} KB]`
}
