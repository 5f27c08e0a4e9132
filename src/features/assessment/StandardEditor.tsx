import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { SchemeEditor } from './SchemeEditor';
import { StandardFormView } from './StandardFormView';

/** The town's editor of the year's index standard and tier scheme. */
export function StandardEditor({ initialYear }: { initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const d = useRequest(async () => {
    const [cur, prev] = await Promise.all([
      call('assessment', 'standard', { year }),
      call('assessment', 'standard', { year: year - 1 }),
    ]);
    return { cur: { ...cur, yearAsked: year }, prev: prev.standard };
  }, [year]);
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: `${year} 年度测评标准` }).catch(() => undefined);
  }, [year]);
  const reload = d.reload;
  return (
    <View id="assessment-standard">
      <View className="year-switch">
        <Button id="std-prev-year" size="small" fill="outline" onClick={() => setYear(year - 1)}>
          上一年
        </Button>
        <Text id="std-year" className="page-title">
          {year} 年度清廉村居测评标准
        </Text>
        <Button id="std-next-year" size="small" fill="outline" onClick={() => setYear(year + 1)}>
          下一年
        </Button>
      </View>
      <RequestView state={d}>
        {({ cur, prev }) => (
          // Keyed by the year the data is for: switching years starts the forms afresh, a reload
          // after saving keeps what is being edited.
          <View key={cur.yearAsked} className="std-layout">
            <Text id="std-version" className="page-subtitle">
              {cur.standard
                ? `当前为第 ${cur.standard.version} 版，${formatChinaDateTime(cur.standard.publishedAt)} 发布${cur.scheme ? `；定级办法：${cur.scheme.name}` : ''}`
                : '本年度尚未发布测评标准'}
              {cur.years.length ? `；已有标准的年度：${cur.years.join('、')}` : ''}
            </Text>
            <SchemeEditor
              year={year}
              schemes={cur.schemes}
              currentId={cur.standard?.schemeId ?? null}
              onSaved={reload}
            />
            <StandardFormView overview={cur} previous={prev} onSaved={reload} />
          </View>
        )}
      </RequestView>
    </View>
  );
}
