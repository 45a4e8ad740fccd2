/** The questions of quitting, as Electron dialogs. */
import { dialog } from 'electron'
import type { QuitPrompts, UnsavedChoice } from './quit'

const CHOICES: readonly UnsavedChoice[] = ['retry', 'save-elsewhere', 'quit-anyway']

/** Native dialogs for `closeForQuit`. */
export const quitDialogs: QuitPrompts = {
  async unsaved(unsaved) {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      buttons: ['Retry', 'Save copies elsewhere…', 'Quit anyway'],
      defaultId: 0,
      cancelId: 0,
      message: 'Some answers are not saved',
      detail: `${unsaved.map((u) => `${u.file}: ${u.reason}`).join('\n')}\n\nRetry once there is room, save copies in another folder, or quit and lose what is not saved.`,
    })
    return CHOICES[response] ?? 'retry'
  },
  async folder() {
    const result = await dialog.showOpenDialog({ title: 'Save copies of the unsaved threads', properties: ['openDirectory', 'createDirectory'] })
    return result.canceled ? undefined : result.filePaths[0]
  },
  async failed(message) {
    dialog.showErrorBox('AI Roundtable could not close cleanly', message)
  },
}
