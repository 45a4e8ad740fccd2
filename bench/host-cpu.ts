/**
 * The host's CPU while the renderer bench measures (Linux /proc; other systems get null): how many cores were busy,
 * and how much of each second the page's main thread ran on a core or waited in the run queue for one. On a machine
 * whose cores are saturated, a main thread "busy" most of a second may have run for half of it: frame figures then
 * measure the host as much as the page.
 */
import { readdir, readFile } from 'node:fs/promises'
import { round } from './lib'

/** One reading: the machine's busy CPU time, and each renderer process's main thread (ns on a core, ns waiting). */
export interface HostCpuReading {
  busyTicks: number
  renderers: Map<string, { onCpuNs: number; waitingNs: number }>
}

/** Clock ticks a second in /proc/stat (USER_HZ, 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100

/** Busy ticks of all cores (/proc/stat: user, nice, system, irq, softirq). */
async function busyTicks(): Promise<number> {
  const [cpu] = (await readFile('/proc/stat', 'utf8')).split('\n')
  const [user, nice, system, , , irq, softirq] = cpu!.trim().split(/\s+/).slice(1).map(Number)
  return user! + nice! + system! + irq! + softirq!
}

/** Chromium renderer processes' main threads: `/proc/<pid>/schedstat` (time on a core, time waiting for one). */
async function renderers(): Promise<HostCpuReading['renderers']> {
  const found: HostCpuReading['renderers'] = new Map()
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    try {
      if (!(await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('--type=renderer')) continue
      const [onCpuNs, waitingNs] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ').map(Number)
      found.set(pid, { onCpuNs: onCpuNs!, waitingNs: waitingNs! })
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found
}

/** Read the host's CPU now; null where /proc is not there to read. */
export async function readHostCpu(): Promise<HostCpuReading | null> {
  try {
    return { busyTicks: await busyTicks(), renderers: await renderers() }
  } catch {
    return null
  }
}

/**
 * Between two readings, per second: cores busy (the report's `cpus` says of how many), and the page's main thread ms
 * on a core and ms waiting for one (the renderer that ran most in between is the page's).
 */
export function hostCpuPerSecond(before: HostCpuReading | null, after: HostCpuReading | null, seconds: number) {
  if (!before || !after) return null
  const page = [...after.renderers]
    .map(([pid, now]) => {
      const then = before.renderers.get(pid) ?? { onCpuNs: 0, waitingNs: 0 }
      return { onCpuNs: now.onCpuNs - then.onCpuNs, waitingNs: now.waitingNs - then.waitingNs }
    })
    .sort((a, b) => b.onCpuNs - a.onCpuNs)[0]
  const msPerSecond = (ns: number) => round(ns / 1e6 / seconds)
  return {
    coresBusy: round((after.busyTicks - before.busyTicks) / TICKS_PER_SECOND / seconds),
    pageMainThreadOnCpuMs: page ? msPerSecond(page.onCpuNs) : null,
    pageMainThreadWaitingForCpuMs: page ? msPerSecond(page.waitingNs) : null,
  }
}
