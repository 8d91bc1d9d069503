import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DiaryLesson, DiaryWeek } from '../../../shared/contracts/diary';
import { errorCode } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { instantText, useConfirmWeek, useWeek } from './api';
import { DiaryShell } from './DiaryShell';
import { MarkChip } from './MarkChip';
import { shortDate } from '../../ui/dates';
import { WeekSwitch } from '../../ui/WeekSwitch';

/** The diary week (Monday–Saturday) of the chosen pupil; on a phone today's card comes first. */
export function DiaryWeekPage() {
  return <DiaryShell>{(child) => <Week studentId={child.personId} />}</DiaryShell>;
}

function Week({ studentId }: { studentId: number }) {
  const [params, setParams] = useSearchParams();
  const week = params.get('week');
  const query = useWeek(studentId, week);
  const go = (w: string | null) => {
    const next = new URLSearchParams(params);
    if (w) next.set('week', w);
    else next.delete('week');
    setParams(next);
  };
  return <QueryState query={query}>{(w) => <WeekView w={w} go={go} studentId={studentId} />}</QueryState>;
}

function WeekView({ w, go, studentId }: { w: DiaryWeek; go: (week: string | null) => void; studentId: number }) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const weekdays = t('diary.weekdays', { returnObjects: true }) as string[];
  const days = w.days.map((d, i) => ({ ...d, name: weekdays[i] ?? '' }));
  const todayIndex = days.findIndex((d) => d.date === w.today);
  // Phone first: today, then the rest of the week after it, then the days before.
  const ordered = phone && todayIndex > 0 ? [...days.slice(todayIndex), ...days.slice(0, todayIndex)] : days;
  return (
    <Stack gap="sm">
      <WeekSwitch monday={w.week} prevWeek={w.prevWeek} nextWeek={w.nextWeek} onChange={go} subtitle={`${w.student.name} · ${w.student.className}`} />
      {todayIndex < 0 && (
        <Anchor component="button" type="button" onClick={() => go(null)} size="sm">
          {t('diary.thisWeek')}
        </Anchor>
      )}
      {ordered.map((d) => (
        <Card key={d.date} withBorder padding="sm" data-testid={`day-${d.date}`} aria-current={d.date === w.today ? 'date' : undefined}>
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h4">
              {d.name}, {shortDate(d.date)}
            </Title>
            {d.date === w.today && <Badge variant="light">{t('diary.today')}</Badge>}
          </Group>
          {d.lessons.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('diary.noLessons')}
            </Text>
          ) : (
            <Stack gap="xs">
              {d.lessons.map((l) => (
                <LessonRow key={l.id} l={l} />
              ))}
            </Stack>
          )}
        </Card>
      ))}
      <ConfirmBlock w={w} studentId={studentId} lang={i18n.language} />
    </Stack>
  );
}

function LessonRow({ l }: { l: DiaryLesson }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="lesson" style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 6 }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0}>
          <Text fw={600}>{t('diary.lesson', { n: l.number, subject: l.subject })}</Text>
          {l.teacher && (
            <Text size="xs" c="dimmed">
              {l.teacher}
            </Text>
          )}
        </Stack>
        <Group gap={4} wrap="wrap" justify="flex-end">
          {l.attendance && (
            <Badge color="red" variant="outline" title={t(`diary.attendance.${l.attendance}`)}>
              {t(`diary.attendance.${l.attendance}`)}
            </Badge>
          )}
          {l.marks.map((m) => (
            <MarkChip key={m.id} mark={m} />
          ))}
        </Group>
      </Group>
      {l.cancelled && <Text size="sm" c="red.9">{t('diary.cancelled')}</Text>}
      {l.topic && (
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('diary.topic')}:{' '}
          </Text>
          {l.topic}
        </Text>
      )}
      {(l.homework || l.files.length > 0) && (
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('diary.homework')}:{' '}
          </Text>
          {l.homework}{' '}
          {l.files.map((f) => (
            <Anchor key={f.id} href={f.url} size="sm" mr="xs">
              {f.name}
            </Anchor>
          ))}
        </Text>
      )}
      {l.marks.filter((m) => m.comment).map((m) => (
        <Text key={m.id} size="sm" fs="italic">
          {t('diary.comment')}: {m.comment}
        </Text>
      ))}
    </Stack>
  );
}

function ConfirmBlock({ w, studentId, lang }: { w: DiaryWeek; studentId: number; lang: string }) {
  const { t } = useTranslation();
  const confirm = useConfirmWeek(studentId);
  if (w.confirmedByMe) {
    return (
      <Alert color="teal" data-testid="confirmed">
        {t('diary.confirmed', { at: instantText(w.confirmedByMe, lang) })}
      </Alert>
    );
  }
  if (!w.canConfirm) return null;
  return (
    <Stack gap={4}>
      <Button onClick={() => confirm.mutate(w.week)} loading={confirm.isPending} fullWidth>
        {t('diary.confirm')}
      </Button>
      {confirm.error && <Text c="red.9">{t(`errors.${errorCode(confirm.error)}`)}</Text>}
    </Stack>
  );
}
