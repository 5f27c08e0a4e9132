import './poster.scss';
import { View, Text, Image } from '@tarojs/components';
import type { PosterView } from '@common/contracts/record';
import { PrintFingerprint } from './PrintFingerprint';

/** What the mini-program offers a villager, in plain words (the poster's list). */
export const POSTER_OFFERS = [
  '看本村党务、村务、财务公开：每一笔钱从哪里来、花到哪里去',
  '对村里的事有疑问，向村监委反映，每一步办理都看得到',
  '参加“五好”满意度测评，给村干部打分',
  '在外务工，每月也能收到村情月报',
  '核验公开记录有没有被人改动过',
];

/** The A4 door poster: the village, what it offers, a large code and the fingerprint. */
export function PosterSheet({ p }: { p: PosterView }) {
  return (
    <View id="poster-sheet" className="poster-sheet">
      <Text id="poster-village" className="poster-village">
        {p.villageName}
      </Text>
      <Text className="poster-sub">清廉村居 · 村务公开 扫码就能看</Text>
      <View className="poster-offers">
        {POSTER_OFFERS.map((o) => (
          <Text key={o} className="poster-offer">
            · {o}
          </Text>
        ))}
      </View>
      <View className="poster-code-box">
        <Image id="poster-code" className="poster-code" src={p.code} mode="scaleToFill" />
      </View>
      <Text className="poster-scan">用微信扫一扫上面的码，打开{p.villageName}的页面</Text>
      <Text className="poster-hint">第一次打开时，按提示认领村民名册或填写邀请码，就能加入本村。</Text>
      <PrintFingerprint head={p.head} id="poster-fingerprint" />
      {p.townName ? <Text className="poster-foot">{p.townName}</Text> : null}
    </View>
  );
}
