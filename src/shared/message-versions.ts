/**
 * Versions of an answer. A retry keeps what it replaces: the message shown is one version, its `versions` hold the
 * others in version order. Showing another version swaps them, on a new object: a finished message is never changed
 * in place (snapshots share it, see `stableCopy`), and everything that reads `message.text` (context, export, replay,
 * search) reads the version on screen without knowing about versions.
 */
import type { Message, MessageVersion } from './domain'

/** The version number of what the message shows. */
export const shownVersion = (m: Pick<Message, 'version'>): number => m.version ?? 1

/** How many versions the answer has. */
export const versionCount = (m: Pick<Message, 'versions'>): number => (m.versions?.length ?? 0) + 1

/** The number a new retry of the message gets. */
export const nextVersion = (m: Pick<Message, 'version' | 'versions'>): number => Math.max(shownVersion(m), ...(m.versions ?? []).map((v) => v.version)) + 1

/** The message's content as a kept version: all it said and how, without its place in the turn. */
export function asVersion(m: Message): MessageVersion {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the place in the turn stays with the message
  const { id, turnId, role, panelistId, round, stage, versions, ...content } = m
  return { ...content, version: shownVersion(m) }
}

/** The versions to keep when a retry replaces `previous`: its others and itself, in version order. */
export function keepVersion(previous: Message): MessageVersion[] {
  return [...(previous.versions ?? []), asVersion(previous)].sort(byVersion)
}

/** A new message showing version `n`; undefined when `n` is shown already or unknown. */
export function showVersion(m: Message, n: number): Message | undefined {
  const chosen = m.versions?.find((v) => v.version === n)
  if (!chosen || shownVersion(m) === n) return undefined
  const others = [...m.versions!.filter((v) => v !== chosen), asVersion(m)].sort(byVersion)
  const { id, turnId, role, panelistId, round, stage } = m
  return { id, turnId, role, ...(panelistId !== undefined ? { panelistId } : {}), round, stage, ...chosen, versions: others }
}

/** The panelist who said the message: its column's, unless another panelist answered in its place. */
export const speakerOf = (m: Pick<Message, 'panelistId' | 'speakerId'>): string | undefined => m.speakerId ?? m.panelistId

const byVersion = (a: MessageVersion, b: MessageVersion): number => a.version - b.version
