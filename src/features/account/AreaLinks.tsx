import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Binding } from '@common/contracts/account';
import { hasAnyRole, isCadre, isTownAdmin } from './session';

interface Link {
  id: string;
  title: string;
  hint: string;
  url: string;
}

/** The work areas a person's roles open: the cadre area and the town area (subpackages). */
export function areaLinks(b: Binding): Link[] {
  const links: Link[] = [];
  if (isCadre(b)) {
    links.push(
      { id: 'link-publish', title: '发布公开', hint: '党务、村务、财务公开', url: '/cadre/publish/index' },
      {
        id: 'link-members',
        title: '村民与邀请',
        hint: '邀请码、名册导入、认领审核',
        url: '/cadre/members/index',
      },
    );
  }
  if (hasAnyRole(b, 'cadre', 'supervisor') && b.villageId) {
    links.push({
      id: 'link-status',
      title: '公开进度',
      hint: '本村逾期和即将到期的公开',
      url: '/cadre/status/index',
    });
  }
  if (hasAnyRole(b, 'supervisor') && !isCadre(b) && b.villageId) {
    links.push({
      id: 'link-village-members',
      title: '本村人员',
      hint: '谁已加入本村、以什么身份、经什么方式加入',
      url: '/cadre/members/index',
    });
  }
  if (isTownAdmin(b)) {
    links.push({
      id: 'link-town',
      title: '全镇总览',
      hint: '各村三务公开是否按时',
      url: '/town/overview/index',
    });
    links.push({
      id: 'link-town-members',
      title: '各村人员与邀请',
      hint: '邀请村干部、村监委和村民代表，导入名册',
      url: '/cadre/members/index',
    });
  }
  return links;
}

export function AreaLinks({ binding }: { binding: Binding }) {
  const links = areaLinks(binding);
  if (!links.length) return null;
  return (
    <View className="area-links card">
      <Text className="section-title">工作台</Text>
      {links.map((l) => (
        <View key={l.id} id={l.id} className="area-link tap" onClick={() => Taro.navigateTo({ url: l.url })}>
          <View className="area-link-text">
            <Text className="area-link-title">{l.title}</Text>
            <Text className="area-link-hint">{l.hint}</Text>
          </View>
          <Text className="chevron">›</Text>
        </View>
      ))}
    </View>
  );
}
