import { fairMerge } from '/tmp/fmcheck/fair-merge'
const tick = () => new Promise<void>((r) => setImmediate(r))
const stop = { stopped: false }
async function* source(from: number, text: string) { while (!stop.stopped) { yield { from, text }; await tick() } }
const srcs = [0,1,2,3].map((i) => ({ key: String(i), stream: source(i, i === 0 ? ' word'.repeat(10) : ' word') }))
let n = 0
const m = fairMerge(srcs, { quantum: 64, cost: (x: { text: string }) => x.text.length })
for await (const item of m) {
  if (item.done) continue
  if (++n % 50 === 0 || n < 5) console.log(n, item.value.from, (m as any).cursor, (m as any).lanes.map((l: any) => `${l.served}/${l.size}/${l.pulling}`).join(' '))
  if (n === 300) break
  await tick()
}
stop.stopped = true
