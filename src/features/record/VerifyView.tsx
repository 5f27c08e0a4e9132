import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import { lengthOfFingerprint, verifyChain, type Verification } from '@common/chain/chain';
import type { ChainItem } from '@common/contracts/record';
import { formatDayOf } from '@common/format';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { findingText, unmatchedText, verdictOf } from '@common/chain/text';

interface Checked {
  villageName: string;
  verification: Verification;
  fingerprint: string | null;
  at: string | null;
}

/**
 * Fetches every public record of the village with its chain entry and recomputes the chain
 * here, on the phone: the server is not trusted to say that it matches.
 */
async function checkVillage(villageId: string | undefined): Promise<Checked> {
  const items: ChainItem[] = [];
  let after = 0;
  for (;;) {
    const page = await call(
      'record',
      'entries',
      villageId ? { villageId, afterSeq: after } : { afterSeq: after },
    );
    items.push(...page.items);
    const last = page.items[page.items.length - 1];
    if (!page.hasMore || !last) {
      const held = page.head
        ? [{ seq: page.head.seq, fingerprint: page.head.fingerprint, source: '本村公布的指纹' }]
        : [];
      return {
        villageName: page.villageName,
        verification: verifyChain(items, held),
        fingerprint: page.head?.fingerprint ?? null,
        at: page.head?.at ?? null,
      };
    }
    after = last.entry.seq;
  }
}

export function VerifyView({ villageId }: { villageId?: string }) {
  const req = useRequest(() => checkVillage(villageId), [villageId]);
  return (
    <RequestView state={req}>
      {(c) => {
        const v = c.verification;
        return (
          <View className="verify">
            <Text className="section-title">{c.villageName}公开记录核验</Text>
            <View id="verify-verdict" className={`card ${v.ok ? 'verify-ok' : 'verify-bad'}`}>
              <Text className="verify-verdict">{verdictOf(v)}</Text>
            </View>
            {v.findings.length || v.unmatched.length ? (
              <View id="verify-findings" className="section">
                {v.findings.map((f) => (
                  <Text key={`${f.seq}-${f.problem}`} className="verify-finding">
                    {findingText(f)}
                  </Text>
                ))}
                {v.unmatched.map((h) => (
                  <Text key={`held-${h.seq}`} className="verify-finding">
                    {unmatchedText(h)}
                  </Text>
                ))}
              </View>
            ) : null}
            {c.fingerprint && c.at ? (
              <View className="card">
                <Text className="state-hint">本村公布的指纹（截至 {formatDayOf(c.at)}）</Text>
                <Text id="verify-fingerprint" className="fingerprint">
                  {c.fingerprint}
                </Text>
              </View>
            ) : null}
            <HeldCheck verification={v} />
            <Text className="state-hint">
              核验在您的手机上完成：逐条重新计算每条公开记录的指纹并前后相连，任何一条被改动、删除或调换次序都会在这里显示出来。请把上面的指纹与月报、公开栏上印的指纹对照。
            </Text>
          </View>
        );
      }}
    </RequestView>
  );
}

/** A fingerprint a person holds (from a printed report or the 公开栏), looked up in the chain. */
function HeldCheck({ verification }: { verification: Verification }) {
  const [typed, setTyped] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  const check = () => {
    const seq = lengthOfFingerprint(verification, typed);
    setAnswer(
      seq === null
        ? '没有找到这个指纹：请核对是否抄错；如果没有抄错，说明它之后的公开记录被改写过，请向村务监督委员会或镇纪委反映。'
        : `与第 ${seq} 条公开记录时的指纹一致：那之前的公开记录没有被改动。`,
    );
  };
  return (
    <View className="card" id="verify-held">
      <Text className="section-title">核对您手中的指纹</Text>
      <Input
        id="verify-held-input"
        className="input"
        value={typed}
        onChange={(value) => {
          setTyped(value);
          setAnswer(null);
        }}
        placeholder="例如 ABCD-EFGH-JKLM-NPQR"
        maxLength={24}
      />
      <Button id="verify-held-check" type="primary" onClick={check}>
        核对
      </Button>
      {answer ? (
        <Text id="verify-held-answer" className="verify-finding">
          {answer}
        </Text>
      ) : null}
    </View>
  );
}
