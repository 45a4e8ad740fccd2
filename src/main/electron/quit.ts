/** Quitting with changes that could not be saved asks the user; a close that failed never exits as success. */
import type { UnsavedThread } from '../../shared/ipc'
import type { AppService } from '../core/app/app-service'
import { UnsavedChangesError } from '../core/store/thread-store'

/** What the user chooses when changes are not on disk. */
export type UnsavedChoice = 'retry' | 'save-elsewhere' | 'quit-anyway'

/** The questions quitting may ask (Electron dialogs in the app, stand-ins in tests). */
export interface QuitPrompts {
  unsaved(unsaved: readonly UnsavedThread[]): Promise<UnsavedChoice>
  /** A folder for copies of the unsaved threads; undefined when cancelled. */
  folder(): Promise<string | undefined>
  /** Tell the user a failure that cannot be helped (the close failed for another reason). */
  failed(message: string): Promise<void>
}

/** Close the service; while changes cannot be saved, ask: retry, save copies elsewhere, or quit anyway. Resolves with the exit code. */
export async function closeForQuit(service: AppService, prompts: QuitPrompts): Promise<number> {
  let closing = service.close()
  for (;;) {
    try {
      await closing
      return 0
    } catch (error) {
      if (!(error instanceof UnsavedChangesError)) {
        await prompts.failed(error instanceof Error ? error.message : String(error))
        return 1
      }
      const choice = await prompts.unsaved(error.unsaved)
      if (choice === 'quit-anyway') return 1
      if (choice === 'retry') {
        closing = service.core.flush()
        continue
      }
      const folder = await prompts.folder()
      closing = folder ? service.core.saveCopies(error.unsaved.map((u) => u.threadId), folder).then(() => undefined) : Promise.reject(error)
    }
  }
}
