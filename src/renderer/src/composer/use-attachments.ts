/** The files attached to the prompt being written: checked, sent to main to be stored, removable until the prompt is sent. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { MAX_ATTACHMENTS, type AttachmentKind, type AttachmentRef } from '../../../shared/attachments'
import { rememberContent } from '../attachments/attachment-content'
import { checkFile, dataUrl, toBase64 } from '../attachments/read-file'

/** A file of the prompt: being stored until `ref` is set. */
export interface PendingFile {
  key: string
  name: string
  kind: AttachmentKind
  size: number
  /** An image's own bytes as a data URL, for its thumbnail. */
  localUrl?: string
  ref?: AttachmentRef
}

export interface Attachments {
  items: PendingFile[]
  /** The stored files, in the order they were attached. */
  ready: AttachmentRef[]
  /** Some file is still being stored. */
  busy: boolean
  /** Why files were not attached, one sentence each (the last attempt's). */
  errors: string[]
  add(files: readonly File[]): void
  remove(key: string): void
  clear(): void
  dismissErrors(): void
}

let nextKey = 0

export function useAttachments(): Attachments {
  const [items, setItems] = useState<PendingFile[]>([])
  const [errors, setErrors] = useState<string[]>([])
  // Files attached or on their way: the count limit holds while several are read at once.
  const taken = useRef(0)
  // What is attached, for the callbacks (state updaters stay pure); the hashes stored, so a file is attached once.
  const current = useRef<PendingFile[]>([])
  const hashes = useRef(new Set<string>())
  // Files removed (or cleared) while they were being stored: their answer is ignored.
  const dropped = useRef(new Set<string>())
  useEffect(() => {
    current.current = items
  }, [items])

  const fail = useCallback((error: string) => setErrors((list) => [...list, error]), [])

  const store = useCallback(
    (key: string, file: { name: string; type: string; mimeType: string; kind: AttachmentKind }, data: string) => {
      window.roundtable.invoke('attachment:add', { name: file.name, mimeType: file.type, data }).then(
        (ref) => {
          if (dropped.current.has(key)) return
          if (ref.kind === 'image') rememberContent(ref, { kind: 'image', mimeType: ref.mimeType, data })
          if (hashes.current.has(ref.hash)) {
            taken.current--
            fail(`${file.name} is attached already`)
            setItems((list) => list.filter((item) => item.key !== key))
            return
          }
          hashes.current.add(ref.hash)
          setItems((list) => list.map((item) => (item.key === key ? { ...item, ref } : item)))
        },
        (error: unknown) => {
          if (dropped.current.has(key)) return
          taken.current--
          setItems((list) => list.filter((item) => item.key !== key))
          fail(error instanceof Error ? error.message : String(error))
        },
      )
    },
    [fail],
  )

  const add = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return
      setErrors([])
      const room = Math.max(0, MAX_ATTACHMENTS - taken.current)
      if (files.length > room) {
        const left = files.length - room
        fail(`At most ${MAX_ATTACHMENTS} files can be attached to one prompt: ${left} ${left === 1 ? 'was' : 'were'} not attached`)
      }
      for (const file of files.slice(0, room)) {
        taken.current++
        void checkFile(file).then((checked) => {
          if ('error' in checked) {
            taken.current--
            fail(checked.error)
            return
          }
          const key = `f${++nextKey}`
          const data = toBase64(checked.bytes)
          const localUrl = checked.kind === 'image' ? dataUrl(checked.mimeType, data) : undefined
          setItems((list) => [...list, { key, name: checked.name, kind: checked.kind, size: checked.bytes.length, localUrl }])
          store(key, checked, data)
        }, () => {
          taken.current--
          fail(`${file.name} could not be read`)
        })
      }
    },
    [fail, store],
  )

  const remove = useCallback((key: string) => {
    const item = current.current.find((i) => i.key === key)
    if (!item) return
    dropped.current.add(key)
    taken.current--
    if (item.ref) hashes.current.delete(item.ref.hash)
    setItems((list) => list.filter((i) => i.key !== key))
  }, [])

  const clear = useCallback(() => {
    taken.current = 0
    hashes.current.clear()
    for (const item of current.current) dropped.current.add(item.key)
    setItems([])
    setErrors([])
  }, [])

  const ready = useMemo(() => items.flatMap((item) => (item.ref ? [item.ref] : [])), [items])
  return {
    items,
    ready,
    busy: items.some((item) => !item.ref),
    errors,
    add,
    remove,
    clear,
    dismissErrors: () => setErrors([]),
  }
}
