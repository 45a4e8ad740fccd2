/** One part of the window that fails to render shows its error in place; the rest of the window stays. */
import { Component, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  /** What failed, for the message: "This turn", "This answer"… */
  what: string
  children: ReactNode
}

/** Catches render errors below it (React's only way to); resets when its children's key changes. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error?: Error }> {
  override state: { error?: Error } = {}

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error }
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="render-error" role="alert" data-testid="render-error">
        {this.props.what} could not be shown: {error.message}. The rest of the thread is unaffected; its data is unchanged on disk.
      </div>
    )
  }
}
