import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import type { HomeFeed as HomeFeedData } from '@common/contracts/disclosure';
import { formatDayOf, formatMonth, formatPeriod } from '@common/format';
import { noticeUrl, reportUrl } from '../report/format';
import { isSeen, markSeen } from './unread';
import { navigateTo } from './nav';

/** Notices newer than this many days count as new on the home page. */
const NEW_NOTICE_DAYS = 14;
const DAY_MS = 86_400_000;

/** What is worth a look first: pinned (urgent) and recent notices, an open survey, the latest report. */
export function pickFeed(data: HomeFeedData, now: Date, voter: boolean): HomeFeedData {
  const recent = (n: HomeFeedData['notices'][number]) =>
    now.getTime() - Date.parse(n.publishedAt) <= NEW_NOTICE_DAYS * DAY_MS;
  return {
    notices: data.notices.filter((n) => !n.expired && (n.pinned || recent(n))).slice(0, 3),
    survey: voter && data.survey && data.survey.eligible ? data.survey : null,
    report: data.report,
  };
}

function open(id: string, url: string, after: () => void) {
  markSeen(id);
  after();
  navigateTo({ url });
}

function NewMark({ id }: { id: string }) {
  return isSeen(id) ? null : <Text className="unread-mark">未读</Text>;
}

/**
 * The top of the village home: urgent and new notices, an open survey to answer and the
 * latest monthly report, each marked 未读 until this person opens it.
 */
export function HomeFeed({ feed, voter }: { feed: HomeFeedData; voter: boolean }) {
  const [, setTick] = useState(0);
  const refresh = () => setTick((t) => t + 1);
  const { notices, survey, report } = pickFeed(feed, new Date(), voter);
  if (!notices.length && !survey && !report) return null;
  return (
    <View id="home-feed" className="home-feed card">
      {notices.map((n) => (
        <View
          key={n.noticeId}
          id={`feed-notice-${n.noticeId}`}
          className={`feed-item tap feed-notice${n.pinned ? ' urgent' : ''}${isSeen(n.noticeId) ? '' : ' unread'}`}
          onClick={() => open(n.noticeId, noticeUrl(n.noticeId), refresh)}
        >
          <View className="feed-head">
            <Text className={`badge ${n.pinned ? 'badge-urgent' : 'badge-notice'}`}>
              {n.pinned ? '紧急通知' : '新通知'}
            </Text>
            <NewMark id={n.noticeId} />
          </View>
          <Text className="feed-title">{n.title}</Text>
          <Text className="feed-meta">{formatDayOf(n.publishedAt)}发布</Text>
        </View>
      ))}
      {survey ? (
        <View
          id="feed-survey"
          className={`feed-item tap feed-survey${isSeen(survey.round.id) ? '' : ' unread'}`}
          onClick={() => open(survey.round.id, '/survey/pages/vote/index', refresh)}
        >
          <View className="feed-head">
            <Text className="badge badge-survey">满意度测评</Text>
            {survey.voted ? <Text className="feed-done">已参加</Text> : <NewMark id={survey.round.id} />}
          </View>
          <Text className="feed-title">
            {formatPeriod(survey.round.periodKey)}测评{survey.voted ? '进行中，感谢参加' : '进行中，去答题'}
          </Text>
        </View>
      ) : null}
      {report ? (
        <View
          id="feed-report"
          className={`feed-item tap feed-report${isSeen(report.reportId) ? '' : ' unread'}`}
          onClick={() => open(report.reportId, reportUrl(report.reportId), refresh)}
        >
          <View className="feed-head">
            <Text className="badge badge-report">村情月报</Text>
            <NewMark id={report.reportId} />
          </View>
          <Text className="feed-title">{formatMonth(report.month)}村情月报</Text>
          {report.publishedAt ? (
            <Text className="feed-meta">{formatDayOf(report.publishedAt)}发布</Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
