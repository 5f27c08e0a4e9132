import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  assetsInputs,
  ITEM_CATEGORIES,
  ITEM_CATEGORY_LABELS,
  ITEM_STATUSES,
  ITEM_STATUS_LABELS,
  KIND_OF_CATEGORY,
  parseMu,
  type ItemCategory,
  type ItemStatus,
} from '@common/contracts/assets';
import type { Attachment } from '@common/contracts/disclosure';
import { parseYuan } from '@common/money';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { call, newRequestId } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { chinaToday } from './format';

/** A cadre registers an item of the register: 资金 (an account), 资产 or 资源. */
export function ItemForm({ villageId }: { villageId: string }) {
  const [requestId] = useState(newRequestId);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [category, setCategory] = useState<ItemCategory | undefined>();
  const [location, setLocation] = useState('');
  const [acquiredOn, setAcquiredOn] = useState(chinaToday());
  const [value, setValue] = useState('');
  const [area, setArea] = useState('');
  const [status, setStatus] = useState<ItemStatus>('inUse');
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const { errors, message, busy, submit } = useFormSubmit();
  const kind = category ? KIND_OF_CATEGORY[category] : undefined;
  return (
    <View className="card" id="item-form">
      <Text className="section-title">登记资产资源</Text>
      <Field label="类别" name="category" error={errors.category} required>
        <Chips
          idPrefix="category"
          options={ITEM_CATEGORIES.map((c) => ({ value: c, label: ITEM_CATEGORY_LABELS[c] }))}
          value={category}
          onChange={setCategory}
        />
      </Field>
      <Field label="编号" name="code" error={errors.code} required hint="村里的资产编号，例如 ZY-001">
        <Input id="item-code" className="input" value={code} onChange={setCode} maxLength={20} />
      </Field>
      <Field label="名称" name="name" error={errors.name} required>
        <Input
          id="item-name"
          className="input"
          value={name}
          onChange={setName}
          maxLength={40}
          placeholder="例如 村东鱼塘"
        />
      </Field>
      <Field label="位置" name="location" error={errors.location}>
        <Input id="item-location" className="input" value={location} onChange={setLocation} maxLength={60} />
      </Field>
      <Field label="取得日期" name="acquiredOn" error={errors.acquiredOn} required>
        <Input
          id="item-acquired"
          className="input"
          value={acquiredOn}
          onChange={setAcquiredOn}
          maxLength={10}
        />
      </Field>
      {kind === 'resources' ? (
        <Field label="面积（亩，最多两位小数）" name="areaHundredths" error={errors.areaHundredths} required>
          <Input id="item-area" className="input" type="digit" value={area} onChange={setArea} />
        </Field>
      ) : (
        <Field
          label={kind === 'funds' ? '余额（元）' : '原值（元）'}
          name="valueFen"
          error={errors.valueFen}
          required
        >
          <Input id="item-value" className="input" type="digit" value={value} onChange={setValue} />
        </Field>
      )}
      <Field label="状态" name="status" error={errors.status}>
        <Chips
          idPrefix="status"
          options={ITEM_STATUSES.filter((s) => s !== 'disposed').map((s) => ({
            value: s,
            label: ITEM_STATUS_LABELS[s],
          }))}
          value={status}
          onChange={setStatus}
        />
      </Field>
      <Field label="照片（现场、权属证明）" name="photos" error={errors.photos}>
        <AttachmentsEditor villageId={villageId} value={photos} onChange={setPhotos} idPrefix="item-photo" />
      </Field>
      <FormError message={message} />
      <Button
        id="item-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            assetsInputs.registerItem,
            {
              requestId,
              villageId,
              code,
              name,
              category,
              location,
              acquiredOn,
              valueFen: kind === 'resources' ? 0 : (parseYuan(value) ?? undefined),
              areaHundredths: kind === 'resources' ? (parseMu(area) ?? undefined) : null,
              status,
              photos,
            },
            async (data) => {
              await call('assets', 'registerItem', data);
              await Taro.navigateBack();
            },
            {
              ...(category ? {} : { category: '请选择类别' }),
              ...(kind === 'resources' && parseMu(area) === null
                ? { areaHundredths: '请填写面积，例如 12.5' }
                : {}),
              ...(kind !== 'resources' && parseYuan(value) === null
                ? { valueFen: '请填写金额，最多两位小数' }
                : {}),
            },
          )
        }
      >
        登记
      </Button>
    </View>
  );
}
