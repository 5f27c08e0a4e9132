import { View, Text } from '@tarojs/components';
import { Button, Loading as NutLoading } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { ApiError } from '@/services/api';
import type { RequestState } from './useRequest';
import { switchTab } from './nav';

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

/**
 * Lays out one request: a spinner the first time, the error with 重试 when nothing is shown,
 * and otherwise the data with a small notice while it refreshes or when the refresh failed.
 */
export function RequestView<T>({
  state,
  children,
}: {
  state: RequestState<T>;
  children: (data: T) => ReactNode;
}) {
  if (state.data === undefined) {
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
