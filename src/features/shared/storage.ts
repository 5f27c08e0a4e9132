import Taro from '@tarojs/taro';

/** Storage that never throws: a full or unavailable storage only loses a cache. */
export function readStored<T>(key: string): T | undefined {
  try {
    const v = Taro.getStorageSync(key) as T | '' | undefined;
    return v === '' || v === undefined || v === null ? undefined : (v as T);
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // A cache that could not be written is only a slower next start.
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing to do
  }
}

const CACHE_PREFIX = 'cache:';

/** Drops every cached reply (after switching persona or binding: they belong to someone else). */
export function clearCaches(): void {
  try {
    const { keys } = Taro.getStorageInfoSync();
    for (const k of keys) if (k.startsWith(CACHE_PREFIX)) removeStored(k);
  } catch {
    // nothing to do
  }
}

export const cacheKey = (...parts: (string | number | undefined | null)[]) =>
  `${CACHE_PREFIX}${parts.map((p) => p ?? '').join(':')}`;
