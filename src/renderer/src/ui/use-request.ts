/** Load a payload-less request's result on mount (settings, key status); errors go to the error bar. */
import { useEffect, useState } from 'react'
import type { RequestPayload, RequestResult } from '../../../shared/ipc'
import { call } from '../store/actions'

type LoadChannel = 'settings:get' | 'keys:info'

/** The result (undefined while loading or after a failure) and a setter for local updates. */
export function useRequest<C extends LoadChannel>(channel: C) {
  const [result, setResult] = useState<RequestResult<C>>()
  useEffect(() => {
    let mounted = true
    void call(channel, {} as RequestPayload<C>).then((value) => mounted && value !== undefined && setResult(value))
    return () => {
      mounted = false
    }
  }, [channel])
  return [result, setResult] as const
}
