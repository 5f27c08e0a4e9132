import Taro from '@tarojs/taro';
import type { Category } from '@common/contracts/disclosure';
import { navigateTo, switchTab } from '../shared/nav';

/**
 * Tab pages take no query: the home page's 党务/村务/财务 buttons leave the wanted category
 * here and switch to the list tab, which picks it up when it shows.
 */
let pending: Category | null = null;
const EVENT = 'disclosures.category';

export function openCategory(category: Category): void {
  pending = category;
  Taro.eventCenter.trigger(EVENT, category);
  switchTab({ url: '/pages/disclosures/index' });
}

export function takePendingCategory(): Category | null {
  const c = pending;
  pending = null;
  return c;
}

export function onCategoryRequest(fn: (c: Category) => void): () => void {
  const h = (c: Category) => {
    pending = null;
    fn(c);
  };
  Taro.eventCenter.on(EVENT, h);
  return () => {
    Taro.eventCenter.off(EVENT, h);
  };
}

export function openDisclosure(seriesId: string, version?: number): void {
  const q = version ? `seriesId=${seriesId}&version=${version}` : `seriesId=${seriesId}`;
  navigateTo({ url: `/pages/disclosure/index?${q}` });
}
