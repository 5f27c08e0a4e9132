import { View, Text } from '@tarojs/components';
import { Button, Loading as NutLoading } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { ApiError } from '@/services/api';
import type { RequestState } from './useRequest';
import { redirectTo, switchTab } from './nav';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state-loading">
      <NutLoading type="circular" />
      <Text className="state-text">{text}</Text>
    </View>
  );
}

function goToMe() {
  switchTab({ url: '/pages/me/index' });
}

/** Shows the server's Chinese message; offers 重试, or the way to sign in / bind. */
export function ErrorView({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const needsBinding = error.code === 'NOT_BOUND' || error.code === 'NOT_SIGNED_IN';
  return (
    <View className="state-error">
      <Text className="state-title">{error.message}</Text>
      <View className="state-actions">
        {needsBinding ? (
          <Button type="primary" className="error-go-bind" onClick={goToMe}>
            {error.code === 'NOT_SIGNED_IN' ? '去登录' : '去绑定村庄'}
          </Button>
        ) : null}
        {onRetry && !needsBinding ? (
          <Button type="primary" fill="outline" className="error-retry" onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <View className="state-empty">
      <Text className="state-title">{title}</Text>
      {hint ? <Text className="state-hint">{hint}</Text> : null}
      {action}
    </View>
  );
}

/** Where a person goes from a record that cannot be found: the list it is found in. */
export interface MissingRecord {
  /** What the person reads, e.g. 找不到这份月报. */
  title: string;
  /** The button's words, e.g. 返回月报列表. */
  backLabel: string;
  /** The list's page; `tab` when it is a tab page. */
  backUrl: string;
  tab?: boolean;
}

/**
 * A record that cannot be found (no id in the link, or the server's NOT_FOUND): says so and
 * offers the way to its list instead of a spinner that never ends or a 重试 that cannot help.
 */
export function NotFoundView({ missing, detail }: { missing: MissingRecord; detail?: string }) {
  const back = () =>
    missing.tab ? switchTab({ url: missing.backUrl }) : redirectTo({ url: missing.backUrl });
  return (
    <View className="state-empty" id="not-found">
      <Text className="state-title">{missing.title}</Text>
      <Text className="state-hint">{detail ?? '链接不完整或有误，请从列表重新打开。'}</Text>
      <View className="state-actions">
        <Button type="primary" id="not-found-back" onClick={back}>
          {missing.backLabel}
        </Button>
      </View>
    </View>
  );
}

/**
 * Lays out one request: a spinner the first time, the error with 重试 when nothing is shown,
 * and otherwise the data with a small notice while it refreshes or when the refresh failed.
 */
export function RequestView<T>({
  state,
  missing,
  children,
}: {
  state: RequestState<T>;
  /** Given for one record's page: its NOT_FOUND shows the way back to the list. */
  missing?: MissingRecord;
  children: (data: T) => ReactNode;
}) {
  if (state.data === undefined) {
    if (missing && state.error?.code === 'NOT_FOUND')
      return <NotFoundView missing={missing} detail={state.error.message} />;
    if (state.error) return <ErrorView error={state.error} onRetry={state.reload} />;
    return <Loading />;
  }
  return (
    <View className="request-view">
      {state.error ? (
        <View className="refresh-notice refresh-failed" onClick={state.reload}>
          <Text>{state.error.message}。显示的是上次的内容，点此重试</Text>
        </View>
      ) : state.loading && state.stale ? (
        <View className="refresh-notice">
          <Text>正在更新…</Text>
        </View>
      ) : null}
      {children(state.data)}
    </View>
  );
}
