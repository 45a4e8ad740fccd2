/** How requests go: base URLs of the providers, timeouts and retries, tool call limits; each field saved as it is changed. */
import { KEYED_PROVIDERS, type KeyedProvider } from '../../../shared/domain'
import { KEYED } from '../../../shared/providers'
import { settingsPatchSchema, type Settings } from '../../../shared/settings'
import { validate } from '../ui/field-errors'
import { saveSettings } from './save-settings'
import { TextSetting, numberProblem } from './setting-fields'

const SECOND = 1000
const MINUTE = 60_000

/** Base URLs, timeouts and retries, tool calls. */
export function RequestSettings({ initial }: { initial: Settings }) {
  const setBaseUrl = (provider: KeyedProvider, url: string) =>
    saveSettings((stored) => ({ baseUrls: { ...stored.baseUrls, [provider]: url.trim() || undefined } }))
  const baseUrlProblem = (provider: KeyedProvider) => (url: string) =>
    url.trim() ? validate(settingsPatchSchema, { baseUrls: { [provider]: url.trim() } })[`baseUrls.${provider}`] : undefined
  const setTimeouts = (change: Partial<Settings['timeouts']>) => saveSettings((stored) => ({ timeouts: { ...stored.timeouts, ...change } }))
  // The servers are saved by their own section: a limit changes only itself.
  const setTools = (change: Partial<Settings['tools']>) => saveSettings((stored) => ({ tools: { ...stored.tools, ...change } }))

  return (
    <>
      <section className="settings-section" aria-labelledby="settings-base-urls-title">
        <h3 id="settings-base-urls-title">Base URLs</h3>
        <p className="muted">Leave empty for the provider's own API. Useful for proxies and gateways.</p>
        {KEYED_PROVIDERS.map((p) => (
          <TextSetting key={p} label={KEYED[p].label} type="url" placeholder="default" initial={initial.baseUrls[p] ?? ''} problem={baseUrlProblem(p)} save={(url) => setBaseUrl(p, url)} testId={`base-url-${p}`} />
        ))}
      </section>
      <section className="settings-section" aria-labelledby="settings-timeouts-title">
        <h3 id="settings-timeouts-title">Timeouts and retries</h3>
        <TextSetting label="First token (s)" type="number" min={1} max={600} initial={String(initial.timeouts.firstTokenMs / SECOND)} problem={numberProblem(1, 600)} save={(s) => setTimeouts({ firstTokenMs: Math.round(Number(s) * SECOND) })} testId="first-token-timeout" />
        <TextSetting label="Silence between chunks (s)" type="number" min={1} max={600} initial={String(initial.timeouts.idleMs / SECOND)} problem={numberProblem(1, 600)} save={(s) => setTimeouts({ idleMs: Math.round(Number(s) * SECOND) })} testId="idle-timeout" />
        <TextSetting label="Retries before the first token" type="number" min={0} max={5} initial={String(initial.maxRetries)} problem={numberProblem(0, 5, true)} save={(n) => saveSettings({ maxRetries: Number(n) })} testId="max-retries" />
      </section>
      <section className="settings-section" aria-labelledby="settings-tool-calls-title">
        <h3 id="settings-tool-calls-title">Tool calls</h3>
        <TextSetting label="Call time limit (s)" type="number" min={1} max={3600} initial={String(initial.tools.callTimeoutMs / SECOND)} problem={numberProblem(1, 3600)} save={(s) => setTools({ callTimeoutMs: Math.round(Number(s) * SECOND) })} testId="tool-call-timeout" />
        <TextSetting label="Tool steps per answer" type="number" min={1} max={50} initial={String(initial.tools.maxSteps)} problem={numberProblem(1, 50, true)} save={(n) => setTools({ maxSteps: Number(n) })} testId="tool-max-steps" />
        <TextSetting label="Wait for approval (min)" type="number" min={1} max={1440} initial={String(initial.tools.approvalTimeoutMs / MINUTE)} problem={numberProblem(1, 1440)} save={(m) => setTools({ approvalTimeoutMs: Math.round(Number(m) * MINUTE) })} testId="tool-approval-timeout" />
      </section>
    </>
  )
}
