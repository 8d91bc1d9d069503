import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { ScrollRegion } from '../../ui/ScrollTable';
import { shortDate } from '../../ui/dates';
import { WeekSwitch } from '../../ui/WeekSwitch';
import { attendanceLabel, type AttendanceCode } from '../../../shared/journal/marks';
import { useMe } from '../accounts/session';
import { useClassOverview } from './api';

/** The class teacher's view: the class across subjects (averages, term and year marks) and the week's attendance. Read-only. */
export function ClassPage() {
  const me = useMe().data;
  const classId = me?.grants.find((g) => g.role === 'class_teacher' && g.classId)?.classId;
  if (!classId) return null;
  return <ClassOverview classId={classId} />;
}

function ClassOverview({ classId }: { classId: number }) {
  const { t } = useTranslation();
  // The week lives in the address, so a reload or a shared link shows the same week.
  const [params, setParams] = useSearchParams();
  const view = useClassOverview(classId, params.get('week') ?? undefined);
  return (
    <QueryState query={view}>
      {(v) => {
        const cell = new Map(
          v.averages.map(([s, c, avg, term, year]) => {
            const current = term ?? (avg != null ? avg.toFixed(2) : '');
            return [`${s}:${c}`, year ? `${current}${current ? ' · ' : ''}${t('journal.yearShort', { value: year })}` : current];
          }),
        );
        return (
          <Stack>
            <Title order={1} size="h2">
              {t('journal.classTitle', { name: v.className })}
            </Title>
            <WeekSwitch monday={v.weekStart} prevWeek={v.prevWeek} nextWeek={v.nextWeek} onChange={(week) => setParams({ week })} />
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('journal.weekAttendance')}
              </Title>
              {v.attendance.length === 0 ? (
                <Text c="dimmed">{t('journal.noAbsences')}</Text>
              ) : (
                <Stack gap={2} data-testid="class-absences">
                  {v.attendance.map(([s, date, n, subject, code], i) => (
                    <Text size="sm" key={i}>
                      {v.students[s]?.[1]} — {shortDate(date)}, {n}: {subject} — {attendanceLabel[code as AttendanceCode]}
                    </Text>
                  ))}
                </Stack>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">
                {t('journal.averagesTitle')}
              </Title>
              <Text size="sm" c="dimmed" mb="xs" data-testid="class-term">
                {v.termName ? t('journal.averagesOfTerm', { term: v.termName }) : t('journal.noTermYet')}
              </Text>
              <ScrollRegion label={t('journal.averagesTitle')} minWidth={500}>
                <Table striped withColumnBorders>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('journal.pupil')}</Table.Th>
                      {v.courses.map((c) => (
                        <Table.Th key={c.id}>{c.subject}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {v.students.map(([id, name], s) => (
                      <Table.Tr key={id}>
                        <Table.Th scope="row">{name}</Table.Th>
                        {v.courses.map((c, ci) => (
                          <Table.Td key={c.id}>{cell.get(`${s}:${ci}`) ?? ''}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            </Card>
          </Stack>
        );
      }}
    </QueryState>
  );
}
