// A stand-in for the `electron` module: just enough of its API for our main bundle to run in plain Node, recording
// what the glue asks of it. It tests our glue's logic, not Electron.
import { EventEmitter } from 'node:events'

/** What the glue did, for the driver to inspect. */
export const record = { windows: [], handlers: new Map(), exitCode: undefined, quit: false, errors: [], schemes: [], protocolHandlers: new Map() }

/** Knobs the driver sets before the bundle runs. */
export const knobs = { singleInstance: true, encryptionAvailable: true, backend: 'gnome_libsecret', packaged: false }

let nextId = 1

class WebContents extends EventEmitter {
  constructor() {
    super()
    this.id = nextId++
    this.sent = []
    this.mainFrame = { url: '' }
  }
  send(channel, payload) {
    this.sent.push({ channel, payload })
  }
  setWindowOpenHandler(handler) {
    this.openHandler = handler
  }
}

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    record.menu = menu
  },
}

export class BrowserWindow extends EventEmitter {
  static getFocusedWindow() {
    return record.windows.find((w) => !w.destroyed)
  }

  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    this.destroyed = false
    record.windows.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadURL(url) {
    this.url = url
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  once(name, listener) {
    return super.once(name, listener)
  }
  show() {}
  focus() {
    this.focused = true
  }
  isMinimized() {
    return false
  }
  restore() {}
  isDestroyed() {
    return this.destroyed
  }
  close() {
    this.destroyed = true
    this.emit('closed')
  }
}

class App extends EventEmitter {
  get isPackaged() {
    return knobs.packaged
  }
  setName(name) {
    this.name = name
  }
  requestSingleInstanceLock() {
    return knobs.singleInstance
  }
  whenReady() {
    return Promise.resolve()
  }
  getPath() {
    return process.env.ROUNDTABLE_DATA_DIR
  }
  quit() {
    record.quit = true
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
    this.emit('before-quit', event)
  }
  exit(code) {
    record.exitCode = code
    this.emit('stand-in-exit', code)
  }
}
export const app = new App()

export const ipcMain = {
  handle(channel, handler) {
    record.handlers.set(channel, handler)
  },
  removeHandler(channel) {
    record.handlers.delete(channel)
  },
}

class Session extends EventEmitter {
  constructor() {
    super()
    this.webRequest = { onBeforeRequest: (handler) => (this.beforeRequest = handler) }
  }
  setPermissionRequestHandler(handler) {
    this.permissionRequest = handler
  }
  setPermissionCheckHandler(handler) {
    this.permissionCheck = handler
  }
  setDevicePermissionHandler(handler) {
    this.devicePermission = handler
  }
  setSpellCheckerDictionaryDownloadURL(url) {
    this.dictionaryUrl = url
  }
}
export const session = { defaultSession: new Session() }

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.schemes.push(...schemes)
  },
  handle(scheme, handler) {
    record.protocolHandlers.set(scheme, handler)
  },
}

export const dialog = {
  showErrorBox(title, message) {
    record.errors.push(`${title}: ${message}`)
  },
  async showMessageBox() {
    return { response: 0 }
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] }
  },
}

export const shell = {
  opened: [],
  async openExternal(url) {
    shell.opened.push(url)
  },
}

export const safeStorage = {
  isEncryptionAvailable: () => knobs.encryptionAvailable,
  getSelectedStorageBackend: () => knobs.backend,
  encryptString: (plain) => Buffer.from(`sealed:${plain}`),
  decryptString: (data) => String(data).replace(/^sealed:/, ''),
}

export default { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell }
