/** axe-core in an e2e page: the serious and critical WCAG 2.x A/AA violations of what the page shows now, each node named. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { AxeResults } from 'axe-core'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']
const BLOCKING = new Set(['serious', 'critical'])

/** One failing rule on one element: `rule (impact) at selector: what is wrong · <the element's opening html>`. */
export type AxeFinding = string

/**
 * Run axe over the whole page and list every serious or critical violation, one line per failing element.
 * The page's CSP forbids injected <script> tags, so axe is evaluated through the debugging protocol instead.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(await AXE_SOURCE)
  // A string, so the bundler's helpers never leak into the page.
  const results = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })`,
  )) as AxeResults
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}) at ${node.target.join(' >>> ')}: ${oneLine(node.failureSummary ?? v.help)} · ${oneLine(node.html).slice(0, 160)}`))
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ')
