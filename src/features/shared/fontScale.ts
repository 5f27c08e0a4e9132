import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { readStored, writeStored } from './storage';

/**
 * 适老化: text scales with the phone's font setting (WeChat's fontSizeSetting) or with the
 * 大字模式 switch on the "我的" page. Styles read the factor from the CSS variable --fs that the
 * root class sets, so one class on the screen's root scales every text and tap target.
 */
export type FontLevel = 100 | 115 | 130 | 140;

const LARGE_KEY = 'ui.largeText';
const EVENT = 'ui.fontScale';
const LEVELS: FontLevel[] = [100, 115, 130, 140];
/** WeChat reports the font size in px; 16 (17 on iOS) is the standard setting. */
const STANDARD_PX = 16;

function systemFactor(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1;
  try {
    // WeChat's getAppBaseInfo reports fontSizeSetting; Taro's type leaves it out.
    const size = (Taro.getAppBaseInfo() as { fontSizeSetting?: number }).fontSizeSetting;
    return typeof size === 'number' && size > 0 ? size / STANDARD_PX : 1;
  } catch {
    return 1;
  }
}

export function isLargeMode(): boolean {
  return readStored<boolean>(LARGE_KEY) === true;
}

export function setLargeMode(on: boolean): void {
  writeStored(LARGE_KEY, on);
  Taro.eventCenter.trigger(EVENT);
}

/** The scale level in use: the larger of the phone's setting and 大字模式, at most 1.4x. */
export function fontLevel(): FontLevel {
  const factor = Math.max(systemFactor(), isLargeMode() ? 1.3 : 1);
  let level: FontLevel = 100;
  for (const l of LEVELS) if (factor * 100 >= l - 5) level = l;
  return level;
}

/**
 * H5: the tab bar and other chrome outside the pages scale with the same factor, read from
 * --app-fs on the root element. (The mini-program's own tab bar follows WeChat's setting.)
 */
export function applyAppScale(level: FontLevel = fontLevel()): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.documentElement.style.setProperty('--app-fs', String(level / 100));
}

export function useFontClass(): string {
  const [level, setLevel] = useState<FontLevel>(fontLevel);
  useEffect(() => {
    applyAppScale();
    const update = () => {
      const next = fontLevel();
      applyAppScale(next);
      setLevel(next);
    };
    Taro.eventCenter.on(EVENT, update);
    return () => {
      Taro.eventCenter.off(EVENT, update);
    };
  }, []);
  return `fs-${level}`;
}
