// Resolve `electron` to the stand-in for everything loaded after this (node --import this-file).
import { register } from 'node:module'

register(
  `data:text/javascript,${encodeURIComponent(`
    const standIn = ${JSON.stringify(new URL('./electron.mjs', import.meta.url).href)}
    export async function resolve(specifier, context, next) {
      return specifier === 'electron' ? { url: standIn, shortCircuit: true } : next(specifier, context)
    }
  `)}`,
)
