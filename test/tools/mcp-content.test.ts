import { describe, expect, it } from 'vitest'
import { toToolContent } from '../../src/main/core/tools/mcp-content'

describe('toToolContent', () => {
  it('maps every MCP content kind', () => {
    expect(
      toToolContent({
        content: [
          { type: 'text', text: 'hello', annotations: { audience: ['user'] } },
          { type: 'image', data: 'AAAA', mimeType: 'image/png' },
          { type: 'audio', data: 'AAAAAAAA', mimeType: 'audio/wav' },
          { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'A' } },
          { type: 'resource', resource: { uri: 'file:///b.bin', blob: 'AQID' } },
          { type: 'resource_link', uri: 'file:///c', name: 'c', description: 'the c file', mimeType: 'text/plain' },
          { type: 'resource_link', uri: 'file:///d' },
          { type: 'hologram' },
        ],
      }),
    ).toEqual([
      { type: 'text', text: 'hello' },
      { type: 'image', data: 'AAAA', mimeType: 'image/png' },
      { type: 'text', text: '[audio audio/wav, 6 bytes, not shown]' },
      { type: 'resource', uri: 'file:///a.txt', mimeType: 'text/plain', text: 'A' },
      { type: 'resource', uri: 'file:///b.bin', blob: 'AQID' },
      { type: 'resource_link', uri: 'file:///c', name: 'c', description: 'the c file', mimeType: 'text/plain' },
      { type: 'resource_link', uri: 'file:///d' },
      { type: 'text', text: '[content of type hologram, not shown]' },
    ])
  })

  it('turns structured content into JSON text only when no text item says it', () => {
    expect(toToolContent({ content: [], structuredContent: { a: 1 } })).toEqual([{ type: 'text', text: '{"a":1}' }])
    expect(toToolContent({ content: [{ type: 'image', data: 'AA', mimeType: 'image/gif' }], structuredContent: { a: 1 } })).toEqual([
      { type: 'image', data: 'AA', mimeType: 'image/gif' },
      { type: 'text', text: '{"a":1}' },
    ])
    expect(toToolContent({ content: [{ type: 'text', text: 'It is 21 °C' }], structuredContent: { c: 21 } })).toEqual([{ type: 'text', text: 'It is 21 °C' }])
    expect(toToolContent({ toolResult: 42 })).toEqual([{ type: 'text', text: '42' }])
    expect(toToolContent({})).toEqual([])
  })
})
