import { describe, expect, it, vi } from 'vitest'
import { menuTemplate } from '../../src/main/electron/menu'

type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number]

/** Every item of a template, submenus included. */
const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])

describe('the application menu', () => {
  it('has the standard Edit roles (copy and paste in text fields), the app’s commands with their keys, and sends them to the window', () => {
    const send = vi.fn()
    const all = items(menuTemplate({ platform: 'darwin', packaged: true, send }))
    const roles = all.map((item) => item.role).filter(Boolean)
    expect(roles).toEqual(expect.arrayContaining(['appMenu', 'editMenu', 'windowMenu', 'close']))
    const byLabel = Object.fromEntries(all.filter((item) => item.label).map((item) => [item.label, item]))
    expect(byLabel['New Thread']?.accelerator).toBe('CmdOrCtrl+N')
    expect(byLabel['Settings…']?.accelerator).toBe('CmdOrCtrl+,')
    expect(byLabel['Search All Threads…']?.accelerator).toBe('CmdOrCtrl+K')
    expect(byLabel['Toggle Sidebar']?.accelerator).toBe('CmdOrCtrl+B')
    ;(byLabel['Stop All']!.click as () => void)()
    ;(byLabel['Open Thread in New Window']!.click as () => void)()
    expect(send.mock.calls).toEqual([['stop-all'], ['open-in-new-window']])
  })

  it('offers developer tools only to a build that is not packaged', () => {
    const roles = (packaged: boolean) => items(menuTemplate({ platform: 'linux', packaged, send: () => {} })).map((item) => item.role)
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(false)).toContain('toggleDevTools')
    expect(roles(true)).toContain('quit')
  })
})
