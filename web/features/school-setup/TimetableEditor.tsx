import { Alert, Button, Group, List, MultiSelect, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useClassTimetable, useClasses, useSetupMutation, type Clash, type ClassTimetable, type RegenerationReport, type Slot } from './api';
import { ErrorText } from '../../ui/ErrorText';
import { ScrollRegion } from '../../ui/ScrollTable';

/** The school admin's timetable editor: a week grid for one class, clashes checked on the server as you edit. */
export function TimetableEditor({ yearId }: { yearId: number }) {
  const { t } = useTranslation();
  const classes = useClasses(yearId);
  const [classId, setClassId] = useState<string | null>(null);
  const chosen = classId ?? (classes.data?.[0] ? String(classes.data[0].id) : null);
  const timetable = useClassTimetable(chosen ? Number(chosen) : null);
  return (
    <Stack>
      <Select label={t('schoolSetup.chooseClass')} data={(classes.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))} value={chosen} onChange={setClassId} w={160} searchable />
      {chosen && <QueryState query={timetable}>{(data) => <Grid key={`${chosen}-${data.slots.length}`} data={data} />}</QueryState>}
    </Stack>
  );
}

function clashText(t: (key: string, options?: Record<string, unknown>) => string, c: Clash) {
  return t(`schoolSetup.clash.${c.kind}`, { who: c.who, className: c.with.className, subject: c.with.subject });
}

function Grid({ data }: { data: ClassTimetable }) {
  const { t } = useTranslation();
  const [slots, setSlots] = useState<Slot[]>(data.slots);
  const [clashes, setClashes] = useState<Clash[]>(data.clashes);
  const [report, setReport] = useState<RegenerationReport | null>(null);
  const save = useSetupMutation<{ report: RegenerationReport }>('PUT', `/api/classes/${data.class.id}/timetable`);
  const weekdays = t('schoolSetup.weekdays', { returnObjects: true }) as string[];
  const numbers = data.bells.length ? data.bells.map((b) => b.number) : [1, 2, 3, 4, 5, 6, 7];

  useEffect(() => {
    const timer = setTimeout(() => {
      api<{ clashes: Clash[] }>('POST', `/api/classes/${data.class.id}/timetable/check`, { slots })
        .then((r) => setClashes(r.clashes))
        .catch(() => {});
    }, 300);
    return () => clearTimeout(timer);
  }, [slots, data.class.id]);

  const cellSlots = (weekday: number, number: number) => slots.filter((s) => s.weekday === weekday && s.number === number);
  const setCell = (weekday: number, number: number, courseIds: string[], room: string) =>
    setSlots([...slots.filter((s) => !(s.weekday === weekday && s.number === number)), ...courseIds.map((id, i) => ({ weekday, number, courseId: Number(id), room: i === 0 ? room : '' }))]);
  const courseOptions = data.courses.map((c) => ({ value: String(c.id), label: `${c.subject}${c.groupName ? ` (${c.groupName})` : ''}` }));
  const teachersOf = (courseId: number) => data.courses.find((c) => c.id === courseId)?.teachers.join(', ') ?? '';
  const cellClashes = (weekday: number, number: number) => clashes.filter((c) => c.weekday === weekday && c.number === number);

  return (
    <Stack>
      <ScrollRegion label={t('schoolSetup.tabs.timetable')} minWidth={840}>
        <Table withColumnBorders data-testid="timetable-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schoolSetup.bellNumber')}</Table.Th>
              {weekdays.map((d) => (
                <Table.Th key={d}>{d}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {numbers.map((n) => {
              const bell = data.bells.find((b) => b.number === n);
              return (
                <Table.Tr key={n}>
                  <Table.Td>
                    <Text fw={600}>{n}</Text>
                    {bell && (
                      <Text size="xs" c="dimmed">
                        {bell.startsAt}–{bell.endsAt}
                      </Text>
                    )}
                  </Table.Td>
                  {weekdays.map((d, i) => {
                    const weekday = i + 1;
                    const here = cellSlots(weekday, n);
                    const problems = cellClashes(weekday, n);
                    return (
                      <Table.Td key={d} bg={problems.length ? 'red.0' : undefined} data-clash={problems.length ? 'yes' : undefined} miw={130}>
                        <MultiSelect
                          size="xs"
                          aria-label={`${d}, ${n}`}
                          data={courseOptions}
                          value={here.map((s) => String(s.courseId))}
                          onChange={(v) => setCell(weekday, n, v, here[0]?.room ?? '')}
                          maxValues={2}
                        />
                        {here.length > 0 && (
                          <Text size="xs" c="dimmed" mt={2}>
                            {here.map((s) => teachersOf(s.courseId)).join('; ')}
                          </Text>
                        )}
                        {here.length > 0 && (
                          <TextInput size="xs" mt={4} aria-label={`${t('schoolSetup.room')} ${d}, ${n}`} placeholder={t('schoolSetup.room')} value={here[0]?.room ?? ''} onChange={(e) => setCell(weekday, n, here.map((s) => String(s.courseId)), e.currentTarget.value)} />
                        )}
                        {problems.map((c, k) => (
                          <Text key={k} size="xs" c="red.9" mt={4}>
                            {clashText(t, c)}
                          </Text>
                        ))}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      <Group>
        <Text fw={600} c={clashes.length ? 'red.9' : 'teal.9'} data-testid="clash-count">
          {clashes.length ? `${t('schoolSetup.clashes')}: ${clashes.length}` : t('schoolSetup.noClashes')}
        </Text>
        <Button onClick={() => save.mutate({ slots }, { onSuccess: (r) => setReport(r.report) })} loading={save.isPending} disabled={clashes.length > 0}>
          {t('schoolSetup.saveTimetable')}
        </Button>
      </Group>
      <ErrorText error={save.error} />
      {report && (
        <Alert color="teal" data-testid="regeneration-report">
          <Text>{t('schoolSetup.report', { from: report.fromDate, created: report.created, removed: report.removed })}</Text>
          {report.kept.length > 0 && (
            <>
              <Text mt="xs">{t('schoolSetup.kept', { count: report.kept.length })}</Text>
              <List size="sm">
                {report.kept.map((k) => (
                  <List.Item key={k.lessonId}>
                    {k.date}, {k.number} — {k.className} {k.subject}: {k.reasons.map((r) => t(`schoolSetup.reasons.${r}`)).join(', ')}
                    {k.outsideTimetable ? ` (${t('schoolSetup.outside')})` : ''}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
    </Stack>
  );
}
