/** Short random ids, safe as file names. */
import { randomBytes } from 'node:crypto'

/** A 16-character url-safe random id with an optional readable prefix. */
export const newId = (prefix = ''): string => prefix + randomBytes(12).toString('base64url')
