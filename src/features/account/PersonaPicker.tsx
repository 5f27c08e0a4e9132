import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@common/contracts/shared';
import { getPersona, setPersona } from '@/services/api';
import { clearCaches } from '../shared/storage';
import { RequestView } from '../shared/StateViews';
import { useRequest } from '../shared/useRequest';
import { reLaunch } from '../shared/nav';

interface Persona {
  openid: string;
  name: string;
  label: string;
  villageId: string | null;
  roles: Role[];
}

async function loadPersonas(): Promise<Persona[]> {
  const res = await Taro.request<{ ok: boolean; data: { personas: Persona[] } }>({
    url: '/api/dev/personas',
    method: 'GET',
  });
  if (!res.data?.ok) throw new Error('personas');
  return res.data.data.personas;
}

/**
 * Local demo only (H5): choosing a person of the demo town stands in for WeChat login.
 * The mini-program never shows this; there the identity is WeChat's.
 */
export function PersonaPicker() {
  const personas = useRequest(loadPersonas, []);
  const current = getPersona();
  const choose = (openid: string) => {
    setPersona(openid);
    clearCaches();
    if (process.env.TARO_ENV === 'h5') window.location.reload();
    else reLaunch({ url: '/pages/me/index' });
  };
  return (
    <View id="persona-picker" className="card persona-picker">
      <Text className="section-title">演示身份（仅本地演示，代替微信登录）</Text>
      <RequestView state={personas}>
        {(list) => (
          <View className="persona-list">
            {list.map((p) => (
              <View
                key={p.openid}
                id={`persona-${p.openid}`}
                className={`persona-option tap${p.openid === current ? ' active' : ''}`}
                data-openid={p.openid}
                onClick={() => choose(p.openid)}
              >
                <Text className="persona-name">{p.name}</Text>
                <Text className="persona-label">{p.label}</Text>
              </View>
            ))}
          </View>
        )}
      </RequestView>
    </View>
  );
}
