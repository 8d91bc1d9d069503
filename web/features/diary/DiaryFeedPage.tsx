import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedItem } from '../../../shared/contracts/diary';
import { QueryState } from '../../ui/QueryState';
import { instantText, useFeed, useMarkSeen } from './api';
import { DiaryShell } from './DiaryShell';
import { shortDate } from '../../ui/dates';

/** The last two weeks: new marks, term marks, homework for tomorrow, corrections of marks already seen. */
export function DiaryFeedPage() {
  return <DiaryShell>{(child) => <Feed studentId={child.personId} />}</DiaryShell>;
}

function Feed({ studentId }: { studentId: number }) {
  const { t } = useTranslation();
  const query = useFeed(studentId);
  const seen = useMarkSeen(studentId);
  return (
    <QueryState query={query}>
      {(feed) => {
        const newest = feed.items.filter((i) => i.kind !== 'homework').map((i) => i.at).sort().at(-1);
        const unseen = feed.items.some((i) => i.unseen);
        return (
          <Stack gap="xs">
            {unseen && newest && (
              <Button variant="light" onClick={() => seen.mutate(newest)} loading={seen.isPending}>
                {t('diary.markAllSeen')}
              </Button>
            )}
            {feed.items.length === 0 && <Text c="dimmed">{t('diary.feedEmpty')}</Text>}
            {feed.items.map((item, i) => (
              <FeedCard key={i} item={item} />
            ))}
          </Stack>
        );
      }}
    </QueryState>
  );
}

function FeedCard({ item }: { item: FeedItem }) {
  const { t, i18n } = useTranslation();
  const detail =
    item.kind === 'correction'
      ? item.value === null
        ? t('diary.correctionRemoved')
        : t('diary.correctionChanged', { value: item.value })
      : item.kind === 'homework'
        ? item.text
        : [item.value, item.workType, item.kind === 'term_mark' || item.kind === 'year_mark' ? item.text : null].filter(Boolean).join(' · ');
  return (
    <Card withBorder padding="xs" data-testid="feed-item">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {t(`diary.feedKinds.${item.kind}`)} · {item.subject}
          </Text>
          <Text size="sm">{detail}</Text>
          <Text size="xs" c="dimmed">
            {shortDate(item.date)}
            {item.kind !== 'homework' ? ` · ${instantText(item.at, i18n.language)}` : ''}
          </Text>
        </Stack>
        {item.unseen && <Badge color="blue.9">{t('diary.feedNew')}</Badge>}
      </Group>
    </Card>
  );
}
