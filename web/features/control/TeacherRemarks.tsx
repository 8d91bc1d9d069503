import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe, hasRole } from '../accounts/session';
import { useMyRemarks, useRemarkDone } from './api';
import { when } from './format';

/** The teacher's home block: remarks of internal control, each closed with «Выполнено». */
export function TeacherRemarks() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const teacher = hasRole(me, 'teacher');
  const query = useMyRemarks(teacher);
  const done = useRemarkDone();
  const list = query.data ?? [];
  if (!teacher || list.length === 0) return null;
  return (
    <Card withBorder data-testid="my-remarks">
      <Title order={2} size="h4" mb="sm">
        {t('control.myRemarks')}
      </Title>
      <Stack gap="sm">
        {list.map((r) => (
          <Group key={r.id} justify="space-between" align="start" wrap="wrap">
            <div style={{ flex: 1, minWidth: 220 }}>
              <Text fw={600}>{r.course}</Text>
              <Text>{r.text}</Text>
              <Text size="sm" c="dimmed">
                {t('control.from', { author: r.author, date: when(r.createdAt, i18n.language) })}
                {r.doneAt ? ` · ${t('control.done', { date: when(r.doneAt, i18n.language) })}` : ''}
              </Text>
            </div>
            {!r.doneAt && (
              <Button size="xs" onClick={() => done.mutate(r.id)} loading={done.isPending && done.variables === r.id}>
                {t('control.markDone')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
