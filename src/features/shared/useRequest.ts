import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getPersona } from '@/services/api';
import { cacheKey as makeKey, readStored, writeStored } from './storage';

export interface RequestState<T> {
  /** The freshest data we have: the server's, or the last good copy while refreshing. */
  data: T | undefined;
  loading: boolean;
  error: ApiError | null;
  /** True while `data` is the stored copy from an earlier visit. */
  stale: boolean;
  reload: () => void;
}

export interface RequestOptions {
  /** Keep the last good reply under this key and show it at once next time (slow networks). */
  cache?: string;
  /** false = do not call yet (e.g. waiting for a parameter). */
  enabled?: boolean;
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
}

/**
 * Loads data for a screen: loading / error (with retry) / data. With `cache`, the last good
 * reply is kept in storage per signed-in person and shown while the fresh one is on its way.
 */
export function useRequest<T>(
  load: () => Promise<T>,
  deps: unknown[],
  opts: RequestOptions = {},
): RequestState<T> {
  const enabled = opts.enabled ?? true;
  const key = opts.cache ? makeKey(getPersona(), opts.cache) : null;
  const [state, setState] = useState<Omit<RequestState<T>, 'reload'>>(() => {
    const cached = key ? readStored<T>(key) : undefined;
    return { data: cached, loading: enabled, error: null, stale: cached !== undefined };
  });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    const cached = key ? readStored<T>(key) : undefined;
    setState((s) => ({
      data: s.data ?? cached,
      stale: s.data === undefined ? cached !== undefined : s.stale,
      loading: true,
      error: null,
    }));
    loadRef.current().then(
      (data) => {
        if (mine !== seq.current) return;
        if (key) writeStored(key, data);
        setState({ data, loading: false, error: null, stale: false });
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setState((s) => ({ ...s, loading: false, error: toApiError(e) }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key, ...deps]);

  // Other parameters (village, category, year) must not show the previous parameters' data.
  const identity = JSON.stringify([key, ...deps]);
  const lastIdentity = useRef(identity);
  useEffect(() => {
    if (lastIdentity.current !== identity) {
      lastIdentity.current = identity;
      const cached = key ? readStored<T>(key) : undefined;
      setState({ data: cached, loading: enabled, error: null, stale: cached !== undefined });
    }
    run();
  }, [run]); // eslint-disable-line react-hooks/exhaustive-deps

  return { ...state, reload: run };
}
