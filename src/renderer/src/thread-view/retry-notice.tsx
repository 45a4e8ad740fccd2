/** "Retrying in 3 s (attempt 2): rate limited" with a live countdown, from message-retry events. */
import { useEffect, useState } from 'react'
import type { RetryNotice as Notice } from '../store/state'

/** The countdown to a panelist's next attempt; give it a `key` per attempt so it restarts. */
export function RetryNotice({ notice, reason }: { notice: Notice; reason?: string }) {
  const [left, setLeft] = useState(notice.delayMs)
  useEffect(() => {
    const until = Date.now() + notice.delayMs
    const timer = setInterval(() => setLeft(Math.max(0, until - Date.now())), 250)
    return () => clearInterval(timer)
  }, [notice])
  return (
    <p className="retry-notice" role="status">
      Retrying in {Math.ceil(left / 1000)} s (attempt {notice.attempt}){reason ? `: ${reason}` : ''}
    </p>
  )
}
