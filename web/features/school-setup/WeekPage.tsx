import { ActionIcon, Badge, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/dates';
import { QueryState } from '../../ui/QueryState';
import { useWeek, type WeekView } from './api';

/** The read-only timetable for everyone in the school: a week of a class or a teacher, a table on a PC and days on a phone. */
export function WeekPage() {
  const { t } = useTranslation();
  const [schoolId, setSchoolId] = useState<number | undefined>();
  const [weekOf, setWeekOf] = useState<string | undefined>();
  const [who, setWho] = useState<string | null>(null);
  const [kind, id] = who ? who.split(':') : [undefined, undefined];
  const week = useWeek({ schoolId, weekOf, classId: kind === 'c' ? id : undefined, teacherPersonId: kind === 't' ? id : undefined });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('schoolSetup.timetableTitle')}
      </Title>
      <QueryState query={week}>
        {(w) => {
          const value = who ?? (w.filter.classId ? `c:${w.filter.classId}` : w.filter.teacherPersonId ? `t:${w.filter.teacherPersonId}` : null);
          return (
            <Stack>
              <Group align="flex-end" wrap="wrap">
                {w.schools.length > 1 && (
                  <Select label={t('schoolSetup.chooseSchool')} data={w.schools.map((s) => ({ value: String(s.id), label: s.name }))} value={String(w.schoolId)} onChange={(v) => { setSchoolId(Number(v)); setWho(null); }} w={240} />
                )}
                <Select
                  label={`${t('schoolSetup.byClass')} / ${t('schoolSetup.byTeacher')}`}
                  searchable
                  w={280}
                  value={value}
                  onChange={setWho}
                  data={[
                    { group: t('schoolSetup.byClass'), items: w.classes.map((c) => ({ value: `c:${c.id}`, label: c.name })) },
                    { group: t('schoolSetup.byTeacher'), items: w.teachers.map((p) => ({ value: `t:${p.personId}`, label: p.name })) },
                  ]}
                />
                <Group gap={4}>
                  <ActionIcon variant="light" size="lg" aria-label={t('schoolSetup.prevWeek')} onClick={() => setWeekOf(addDays(w.monday, -7))}>
                    ‹
                  </ActionIcon>
                  <Text fw={500} data-testid="week-of">
                    {t('schoolSetup.weekOf', { date: w.monday })}
                  </Text>
                  <ActionIcon variant="light" size="lg" aria-label={t('schoolSetup.nextWeek')} onClick={() => setWeekOf(addDays(w.monday, 7))}>
                    ›
                  </ActionIcon>
                </Group>
              </Group>
              <WeekTable w={w} />
              <WeekDays w={w} />
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function lessonLine(l: WeekView['lessons'][number], showClass: boolean) {
  return `${l.subject}${l.groupName ? ` (${l.groupName})` : ''}${showClass ? ` · ${l.className}` : ''}`;
}

function WeekTable({ w }: { w: WeekView }) {
  const { t } = useTranslation();
  const weekdays = t('schoolSetup.weekdays', { returnObjects: true }) as string[];
  const numbers = [...new Set(w.lessons.map((l) => l.number))].sort((a, b) => a - b);
  const byTeacher = w.filter.teacherPersonId !== null;
  return (
    <Table withColumnBorders visibleFrom="sm" data-testid="week-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('schoolSetup.bellNumber')}</Table.Th>
          {weekdays.map((d, i) => (
            <Table.Th key={d}>
              {d} {addDays(w.monday, i).slice(8)}.{addDays(w.monday, i).slice(5, 7)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {numbers.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={7}>
              <Text c="dimmed">{t('schoolSetup.noLessons')}</Text>
            </Table.Td>
          </Table.Tr>
        )}
        {numbers.map((n) => (
          <Table.Tr key={n}>
            <Table.Td fw={600}>{n}</Table.Td>
            {weekdays.map((d, i) => (
              <Table.Td key={d}>
                {w.lessons
                  .filter((l) => l.date === addDays(w.monday, i) && l.number === n)
                  .map((l) => (
                    <div key={l.id}>
                      <Text size="sm" td={l.status === 'cancelled' ? 'line-through' : undefined}>
                        {lessonLine(l, byTeacher)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[l.room, byTeacher ? null : l.teacher].filter(Boolean).join(' · ')}
                      </Text>
                    </div>
                  ))}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function WeekDays({ w }: { w: WeekView }) {
  const { t } = useTranslation();
  const weekdays = t('schoolSetup.weekdays', { returnObjects: true }) as string[];
  const byTeacher = w.filter.teacherPersonId !== null;
  return (
    <SimpleGrid cols={1} hiddenFrom="sm" data-testid="week-days">
      {weekdays.map((d, i) => {
        const date = addDays(w.monday, i);
        const lessons = w.lessons.filter((l) => l.date === date);
        if (i === 5 && lessons.length === 0) return null;
        return (
          <Card key={d} withBorder padding="sm">
            <Text fw={600} mb={4}>
              {d}, {date.slice(8)}.{date.slice(5, 7)}
            </Text>
            {lessons.length === 0 && <Text c="dimmed">{t('schoolSetup.noLessons')}</Text>}
            {lessons.map((l) => (
              <Group key={l.id} gap="xs" wrap="nowrap" align="flex-start">
                <Text fw={600} w={18}>
                  {l.number}
                </Text>
                <div>
                  <Text size="sm" td={l.status === 'cancelled' ? 'line-through' : undefined}>
                    {lessonLine(l, byTeacher)} {l.status === 'cancelled' && <Badge size="xs" color="gray">{t('schoolSetup.cancelled')}</Badge>}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[l.room, byTeacher ? null : l.teacher].filter(Boolean).join(' · ')}
                  </Text>
                </div>
              </Group>
            ))}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
