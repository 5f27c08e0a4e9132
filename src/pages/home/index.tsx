import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { ApiError, call, getPersona } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import type { Binding } from '@common/contracts/account';
import type { VillageHome } from '@common/contracts/disclosure';
import { EmptyState, Loading, RequestView } from '@/features/shared/StateViews';
import { EntryList } from '@/features/shared/EntryList';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import {
  hasAnyRole,
  isTownAdmin,
  knownMe,
  rememberMe,
  setViewedVillage,
  useSessionChanged,
  viewedVillage,
} from '@/features/account/session';
import { HomeView } from '@/features/disclosure/HomeView';
import { VillagePicker } from '@/features/account/members/VillagePicker';
import { HomeFeed } from '@/features/shared/HomeFeed';
import { DoorWelcome } from '@/features/record/DoorWelcome';
import { villageOfScene } from '@common/door';

/**
 * account.home for the village asked (if any). A town admin's remembered or scanned village of
 * another town is refused: they get who they are with the refusal, to pick one of their own.
 */
async function homeOf(villageId: string | undefined) {
  try {
    return await call('account', 'home', villageId ? { villageId } : {});
  } catch (e) {
    if (!villageId || !(e instanceof ApiError) || e.code !== 'FORBIDDEN_VILLAGE') throw e;
    const mine = await call('account', 'home', {});
    if (!isTownAdmin(mine.me.binding)) throw e;
    return { ...mine, homeError: { code: e.code, message: e.message } };
  }
}

export default function HomePage() {
  const { params } = useRouter();
  // Opened from a village's door code: the mini-program code's scene (the H5 QR carries the same).
  const door = villageOfScene(params.scene);
  // One call paints the page: who I am and my village's home (account.home).
  const [picked, setPicked] = useState<string | undefined>(() => params.villageId || viewedVillage()?.id);
  const [answered, setAnswered] = useState(() => knownMe());
  const townAdmin = isTownAdmin(answered?.binding);
  // A town admin looks at one village at a time: the one opened from the overview or picked
  // here, remembered for the next visit (and for the 三务公开 tab).
  const villageId = params.villageId || (townAdmin ? (door ?? picked) : undefined);
  const pick = (id: string, name: string) => {
    setViewedVillage({ id, name });
    setPicked(id);
  };
  // The persona the call was made for (H5 switches personas): who the answer is about.
  const page = useRequest(async () => ({ asked: getPersona(), ...(await homeOf(villageId)) }), [villageId], {
    cache: `home:${villageId ?? ''}`,
  });
  useSessionChanged(page.reload);

  useReloadOnShow(() => {
    // The village may have been picked on another tab meanwhile.
    if (townAdmin && viewedVillage()?.id !== picked) setPicked(viewedVillage()?.id);
    else page.reload();
  });

  useEffect(() => {
    if (!page.data || page.stale) return;
    // The other tabs know at once who the caller is.
    rememberMe(page.data.me, page.data.asked);
    setAnswered(page.data.me);
    const home = page.data.home;
    if (home && isTownAdmin(page.data.me.binding))
      setViewedVillage({ id: home.village.id, name: home.village.name });
  }, [page.data, page.stale]);

  const goTown = () => Taro.navigateTo({ url: '/town/overview/index' });

  const villageView = (home: VillageHome, binding: Binding) => (
    <View>
      {townAdmin ? (
        <View>
          <View className="town-back tap" id="home-back-town" onClick={goTown}>
            <Text className="link">‹ 返回全镇总览</Text>
          </View>
          <VillagePicker value={villageId} onChange={pick} idPrefix="home-village" title="查看的村" />
        </View>
      ) : null}
      <HomeView
        home={home}
        feed={
          <HomeFeed
            feed={home.feed}
            voter={hasAnyRole(binding, 'resident', 'representative', 'partyMember')}
          />
        }
        entries={<EntryList place="home" roles={binding.roles} bound={!!binding.villageId} />}
      />
    </View>
  );

  const body = (
    <RequestView state={page}>
      {({ me, home, homeError }) => {
        const binding = me.binding;
        if (!binding && door && !me.pendingClaim) return <DoorWelcome villageId={door} />;
        if (!binding)
          return (
            <EmptyState
              title={me.pendingClaim ? '您的认领申请正在等待村干部审核' : '您还没有加入村庄'}
              hint="在“我的”页面使用邀请码，或认领村民名册后，就能看到本村的党务、村务、财务公开。"
              action={
                <Button
                  id="home-go-bind"
                  type="primary"
                  onClick={() => Taro.switchTab({ url: '/pages/me/index' })}
                >
                  去“我的”页面
                </Button>
              }
            />
          );
        if (home) return villageView(home, binding);
        if (isTownAdmin(binding) && (!villageId || homeError))
          return (
            <View>
              <VillagePicker
                value={undefined}
                onChange={pick}
                idPrefix="home-village"
                title="请选择要查看的村"
              />
              <EmptyState
                title={homeError ? homeError.message : '选一个村，查看它的公开情况'}
                hint="也可以打开全镇总览，看各村是否按时公开。"
                action={
                  <Button id="home-go-town" type="primary" onClick={goTown}>
                    打开全镇总览
                  </Button>
                }
              />
            </View>
          );
        // The chosen village's home is on its way.
        return <Loading />;
      }}
    </RequestView>
  );

  return <Screen id="page-home">{body}</Screen>;
}
