import { createDemoProvider } from '/work/main/src/main/core/providers/demo'
const p = createDemoProvider()
const t0 = Date.now(); let first = 0; let text = ''; let n = 0
for await (const c of p.stream({ model: 'demo-builder', messages: [{ role: 'user', content: 'Should we adopt TypeScript for our Python data team?' }, { role: 'user', content: '[Skeptic (Demo)]: I\'m not convinced. **Costs hide in maintenance**, not in the first version. What evidence do we have?' }] }, new AbortController().signal)) {
  if (c.type === 'text-delta') { if (!first) first = Date.now() - t0; text += c.text; n++ } else console.log(c)
}
console.log(text); console.log({ first, total: Date.now() - t0, n, tps: n / ((Date.now() - t0 - first) / 1000) })
