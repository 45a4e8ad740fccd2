/** A tool's result as MCP gave it: text, images, embedded resources and links (shown, never followed). */
import type { ToolContent } from '../../../shared/tools'
import { imageSrc } from './tool-text'

/** Every piece of a result, in order. */
export function ToolResultView({ content, isError }: { content: ToolContent[]; isError: boolean }) {
  if (content.length === 0) return <p className="muted tool-empty">(no content)</p>
  return (
    <div className={`tool-result${isError ? ' is-error' : ''}`} data-testid="tool-result">
      {content.map((item, i) => (
        <ContentItem key={i} item={item} />
      ))}
    </div>
  )
}

function ContentItem({ item }: { item: ToolContent }) {
  switch (item.type) {
    case 'text':
      return (
        <pre className="tool-text" tabIndex={0}>
          {item.text}
        </pre>
      )
    case 'image': {
      const src = imageSrc(item.mimeType, item.data)
      return src ? <img className="tool-image" src={src} alt={`Image from the tool (${item.mimeType})`} /> : <p className="muted tool-note">[an image of type {item.mimeType}, not shown]</p>
    }
    case 'resource_link':
      return (
        <p className="tool-link">
          <span className="muted">Link </span>
          {item.name && <strong>{item.name} </strong>}
          <code className="tool-uri">{item.uri}</code>
          {item.description && <span className="muted"> — {item.description}</span>}
        </p>
      )
    case 'resource':
      return (
        <div className="tool-resource">
          <p className="tool-link">
            <span className="muted">Resource </span>
            <code className="tool-uri">{item.uri}</code>
            {item.mimeType && <span className="muted"> ({item.mimeType})</span>}
          </p>
          {item.text !== undefined ? (
            <pre className="tool-text" tabIndex={0}>
              {item.text}
            </pre>
          ) : (
            item.blob !== undefined && <p className="muted tool-note">[binary content, about {Math.floor((item.blob.length * 3) / 4)} bytes]</p>
          )}
        </div>
      )
  }
}
