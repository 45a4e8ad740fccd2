/** Load a payload-less request's result on mount (providers, settings, key status); errors go to the error bar. */
import { useEffect, useState } from 'react'
import type { RequestPayload, RequestResult } from '../../../shared/ipc'
import { call } from '../store/actions'

type LoadChannel = 'providers:list' | 'settings:get' | 'keys:info'

/** The result (undefined while loading or after a failure) and a setter for local updates. */
export function useRequest<C extends LoadChannel>(channel: C) {
  const [result, setResult] = useState<RequestResult<C>>()
  useEffect(() => {
    let live = true
    void call(channel, {} as RequestPayload<C>).then((value) => live && value !== undefined && setResult(value))
    return () => {
      live = false
    }
  }, [channel])
  return [result, setResult] as const
}
