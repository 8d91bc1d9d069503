import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/dates';
import { QueryState } from '../../ui/QueryState';
import { useMe } from '../accounts/session';
import { instantText, shortDate, useClassConfirmations } from './api';

/** The class teacher sees which guardians confirmed «Дневник просмотрен» for a week. */
export function ClassConfirmationsPage() {
  const me = useMe().data;
  const classId = me?.grants.find((g) => g.role === 'class_teacher' && g.classId)?.classId ?? null;
  const [week, setWeek] = useState<string | null>(null);
  const query = useClassConfirmations(classId, week);
  const { t, i18n } = useTranslation();
  if (!classId) return null;
  return (
    <QueryState query={query}>
      {(v) => (
        <Stack>
          <Title order={1} size="h2">
            {t('diary.classTitle', { name: v.className })}
          </Title>
          <Group justify="space-between" wrap="nowrap">
            <Button variant="default" size="sm" onClick={() => setWeek(addDays(v.week, -7))} aria-label={t('diary.prevWeek')}>
              <span aria-hidden="true">‹</span>
            </Button>
            <Text fw={600}>{t('diary.weekOf', { from: shortDate(v.week), to: shortDate(addDays(v.week, 5), true) })}</Text>
            <Button variant="default" size="sm" onClick={() => setWeek(addDays(v.week, 7))} aria-label={t('diary.nextWeek')}>
              <span aria-hidden="true">›</span>
            </Button>
          </Group>
          <Card withBorder padding="xs">
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('diary.classPupil')}</Table.Th>
                  <Table.Th>{t('diary.classConfirmedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.pupils.map((p) => (
                  <Table.Tr key={p.personId}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>
                      {p.confirmations.length === 0 ? (
                        <Text c="dimmed" size="sm">
                          {t('diary.classNobody')}
                        </Text>
                      ) : (
                        p.confirmations.map((c, i) => (
                          <Text key={i} size="sm">
                            {c.guardian}, {instantText(c.at, i18n.language)}
                          </Text>
                        ))
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}
