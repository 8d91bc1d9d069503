import { Card, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiarySubjects } from '../../../shared/contracts/diary';
import { QueryState } from '../../ui/QueryState';
import { useSubjects } from './api';
import { DiaryShell } from './DiaryShell';
import { ScrollRegion } from '../../ui/ScrollTable';
import { shortDate } from '../../ui/dates';

const AverageChart = lazy(async () => ({ default: (await import('./AverageChart')).AverageChart }));

/** Marks by subject for a term: every mark, the weighted average, term and year marks, and the weekly chart. */
export function DiaryMarksPage() {
  return <DiaryShell>{(child) => <Marks studentId={child.personId} />}</DiaryShell>;
}

function Marks({ studentId }: { studentId: number }) {
  const [termId, setTermId] = useState<number | null>(null);
  const query = useSubjects(studentId, termId);
  return <QueryState query={query}>{(v) => <MarksView v={v} onTerm={setTermId} />}</QueryState>;
}

function MarksView({ v, onTerm }: { v: DiarySubjects; onTerm: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          {t('diary.marksTitle')}
        </Title>
        <Select
          aria-label={t('diary.term')}
          value={String(v.term.id)}
          allowDeselect={false}
          data={v.terms.map((x) => ({ value: String(x.id), label: x.name }))}
          onChange={(value) => value && onTerm(Number(value))}
          w={200}
        />
      </Group>
      {v.subjects.map((s) => (
        <Card key={s.courseId} withBorder padding="sm" data-testid="subject">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={3} size="h4">
              {s.subject}
            </Title>
            <Group gap="md">
              <Text size="sm">
                {t('diary.average')}: <b>{s.average != null ? s.average.toFixed(2) : '—'}</b>
              </Text>
              <Text size="sm">
                {t('diary.termMark')}: <b>{s.termMark ?? '—'}</b>
              </Text>
              <Text size="sm">
                {t('diary.yearMark')}: <b>{s.yearMark ?? '—'}</b>
              </Text>
            </Group>
          </Group>
          {s.marks.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('diary.noMarks')}
            </Text>
          ) : (
            <>
              <ScrollRegion label={s.subject} minWidth={320}>
                <Table withRowBorders verticalSpacing={2} fz="sm">
                  <Table.Tbody>
                    {s.marks.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td w={60}>{shortDate(m.date)}</Table.Td>
                        <Table.Td w={50} fw={700}>
                          {m.value}
                        </Table.Td>
                        <Table.Td>
                          {m.workType ?? t('diary.noWorkType')} · {t('diary.weight')} {m.weight}
                          {m.comment ? ` · ${m.comment}` : ''}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
              {s.weekly.length > 1 && (
                <Suspense fallback={<Loader size="sm" role="status" aria-label={t('common.loading')} />}>
                  <AverageChart subject={s} />
                </Suspense>
              )}
            </>
          )}
        </Card>
      ))}
    </Stack>
  );
}
