import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { useMe } from '../accounts/session';
import { instantText, useClassConfirmations } from './api';
import { WeekSwitch } from '../../ui/WeekSwitch';

/** The class teacher sees which guardians confirmed «Дневник просмотрен» for a week. */
export function ClassConfirmationsPage() {
  const me = useMe().data;
  const classId = me?.grants.find((g) => g.role === 'class_teacher' && g.classId)?.classId ?? null;
  // The week lives in the address, so a reload or a shared link shows the same week.
  const [params, setParams] = useSearchParams();
  const query = useClassConfirmations(classId, params.get('week'));
  const { t, i18n } = useTranslation();
  if (!classId) return null;
  return (
    <QueryState query={query}>
      {(v) => (
        <Stack>
          <Title order={1} size="h2">
            {t('diary.classTitle', { name: v.className })}
          </Title>
          <WeekSwitch monday={v.week} prevWeek={v.prevWeek} nextWeek={v.nextWeek} onChange={(week) => setParams({ week })} />
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
