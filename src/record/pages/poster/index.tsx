import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { RoleGate } from '@/features/account/RoleGate';
import { isTownAdmin, setViewedVillage, viewedVillage } from '@/features/account/session';
import { VillagePicker } from '@/features/account/members/VillagePicker';
import type { Binding } from '@common/contracts/account';
import { PosterSheet } from '@/features/record/PosterSheet';

function Poster({ binding, initial }: { binding: Binding; initial: string | undefined }) {
  const town = isTownAdmin(binding);
  // The town prints any village's poster (the one it looks at, or picks here); others their own.
  const [villageId, setVillageId] = useState(initial || (town ? viewedVillage()?.id : undefined));
  const req = useRequest(() => call('record', 'poster', villageId ? { villageId } : {}), [villageId], {
    enabled: !town || !!villageId,
  });
  return (
    <View>
      {town ? (
        <View className="no-print">
          <VillagePicker
            value={villageId}
            onChange={(id, name) => {
              setViewedVillage({ id, name });
              setVillageId(id);
            }}
            idPrefix="poster-village"
            title="打印哪个村的海报"
          />
        </View>
      ) : null}
      <View className="no-print print-toolbar">
        {process.env.TARO_ENV === 'h5' ? (
          <Button id="poster-print" type="primary" onClick={() => window.print()}>
            打印（A4）
          </Button>
        ) : (
          <Text className="state-hint">请在电脑上打开本页后打印（A4 纸），贴在每户门口或村务公开栏。</Text>
        )}
      </View>
      {town && !villageId ? null : <RequestView state={req}>{(p) => <PosterSheet p={p} />}</RequestView>}
    </View>
  );
}

/** The village's door poster (a print view): cadres, the 村监委 and the town. */
export default function PosterPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-record-poster" wide>
      <RoleGate roles={['cadre', 'supervisor', 'townAdmin']}>
        {(b) => <Poster binding={b} initial={params.villageId || undefined} />}
      </RoleGate>
    </Screen>
  );
}
