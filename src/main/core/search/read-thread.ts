/**
 * A thread read from its files for indexing only: snapshot plus the journal's later events, validated as the store reads
 * them, kept by nobody. Files the store cannot use are its to report; here they are skipped (undefined).
 */
import path from 'node:path'
import type { Thread } from '../../../shared/domain'
import { applyEvent } from '../../../shared/thread-reducer'
import { JsonFileAdapter } from '../store/json-file-adapter'
import type { ThreadFile } from '../store/store-schema'
import { threadFileFormat } from '../store/thread-file'
import { ThreadJournal } from '../store/thread-journal'

/** The thread `id` of the data folder `dataDir` as its files hold it, or undefined when they cannot be read. */
export async function readThreadFiles(dataDir: string, id: string): Promise<Thread | undefined> {
  const file = path.join(dataDir, 'threads', `${id}.json`)
  try {
    const data = await new JsonFileAdapter<ThreadFile>(file, { format: threadFileFormat }).read()
    if (!data || data.thread.id !== id) return undefined
    const journal = await ThreadJournal.read(path.join(dataDir, 'threads', `${id}.journal`))
    for (const event of journal.events) if (event.seq > data.thread.seq) applyEvent(data.thread, event, { inPlace: true })
    return data.thread
  } catch {
    return undefined
  }
}
