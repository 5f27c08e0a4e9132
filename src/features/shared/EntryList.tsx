import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@common/contracts/shared';
import { ENTRIES, type Entry } from '../entries';

/** Entries other contexts offer: shown when the caller holds one of the entry's roles. */
export function visibleEntries(place: Entry['place'], roles: readonly Role[], bound: boolean): Entry[] {
  return ENTRIES.filter(
    (e) => e.place === place && (e.roles.length === 0 ? bound : e.roles.some((r) => roles.includes(r))),
  );
}

export function EntryList({
  place,
  roles,
  bound,
}: {
  place: Entry['place'];
  roles: readonly Role[];
  bound: boolean;
}) {
  const entries = visibleEntries(place, roles, bound);
  if (!entries.length) return null;
  return (
    <View className={`entry-list entry-list-${place}`}>
      {entries.map((e) => (
        <View
          key={e.key}
          id={`entry-${e.key}`}
          className="entry-item tap"
          onClick={() => Taro.navigateTo({ url: e.url })}
        >
          <Text className="entry-title">{e.title}</Text>
          <Text className="entry-hint">{e.hint}</Text>
        </View>
      ))}
    </View>
  );
}
