import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeLesson } from '../../../shared/contracts/journal';
import { useTeacherHome } from './api';

const dm = (date: string) => date.split('-').reverse().slice(0, 2).join('.');
const link = (l: HomeLesson) => `/journal/courses/${l.courseId}?term=${l.termId}&lesson=${l.lessonId}`;

/** The teacher's block on the home page: today's lessons and own lessons still lacking a topic or attendance. */
export function TeacherHomeBlock() {
  const { t } = useTranslation();
  const home = useTeacherHome(true);
  if (!home.data) return null;
  const { todayLessons, incomplete } = home.data;
  return (
    <Stack>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('journal.todayLessons')}
        </Title>
        {todayLessons.length === 0 && <Text c="dimmed">{t('journal.noLessonsToday')}</Text>}
        <Stack gap={6}>
          {todayLessons.map((l) => (
            <Group key={l.lessonId} gap="xs" wrap="nowrap">
              <Badge variant="light" color="blue.9" w={36}>
                {l.number}
              </Badge>
              <Anchor component={Link} to={link(l)} data-testid="today-lesson">
                {l.className} · {l.subject}
              </Anchor>
              {l.topic ? (
                <Text size="sm" c="dimmed" truncate>
                  {l.topic}
                </Text>
              ) : null}
            </Group>
          ))}
        </Stack>
      </Card>
      {incomplete.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('journal.incomplete')}
          </Title>
          <Stack gap={6}>
            {incomplete.slice(0, 15).map((l) => (
              <Group key={l.lessonId} gap="xs" wrap="wrap">
                <Anchor component={Link} to={link(l)}>
                  {dm(l.date)} · {l.className} · {l.subject}
                </Anchor>
                {l.missingTopic && (
                  <Badge color="red.9" variant="outline">
                    {t('journal.noTopicBadge')}
                  </Badge>
                )}
                {l.missingAttendance && (
                  <Badge color="gray.8" variant="outline">
                    {t('journal.noAttendanceBadge')}
                  </Badge>
                )}
              </Group>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
