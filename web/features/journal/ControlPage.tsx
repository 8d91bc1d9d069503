import { Button, Card, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlView } from '../../../shared/contracts/journal';
import { errorCode, get, post } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useMe } from '../accounts/session';
import { useCorrections } from './api';
import { ScrollRegion } from '../../ui/ScrollTable';
import { Pager, usePageParam } from '../../ui/Pager';

/** The deputy's page: lock a term (school or class) and acknowledge corrections made after a lock. */
export function ControlPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const schoolId = me?.grants.find((g) => ['deputy', 'director'].includes(g.role) && g.schoolId)?.schoolId ?? null;
  const [all, setAll] = useState(false);
  const [page, setPage] = usePageParam('correctionsPage');
  const corrections = useCorrections(schoolId, all, page);
  const control = useQuery({ queryKey: ['journal', 'control', schoolId], queryFn: () => get<ControlView>(`/api/journal/schools/${schoolId}/control`), enabled: schoolId != null });
  const client = useQueryClient();
  const acknowledge = async (id: number) => {
    await post(`/api/journal/corrections/${id}/acknowledge`);
    await client.invalidateQueries({ queryKey: ['journal', 'corrections'] });
  };
  if (schoolId == null) return null;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('journal.controlTitle')}
      </Title>
      <QueryState query={control}>{(c) => <LockForm schoolId={schoolId} control={c} />}</QueryState>
      <Card withBorder>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('journal.corrections')}
          </Title>
          <Checkbox label={t('journal.showAcknowledged')} checked={all} onChange={(e) => (setAll(e.currentTarget.checked), setPage(1))} />
        </Group>
        <QueryState query={corrections}>
          {(list) =>
            list.total === 0 ? (
              <Text c="dimmed" mt="sm">
                {t('journal.noCorrections')}
              </Text>
            ) : (
              <Stack gap="xs">
                <ScrollRegion label={t('journal.corrections')} minWidth={700}>
                  <Table data-testid="corrections" mt="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('journal.course')}</Table.Th>
                        <Table.Th>{t('journal.pupil')}</Table.Th>
                        <Table.Th>{t('journal.was')}</Table.Th>
                        <Table.Th>{t('journal.became')}</Table.Th>
                        <Table.Th>{t('journal.reason')}</Table.Th>
                        <Table.Th>{t('journal.who')}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.items.map((r) => (
                        <Table.Tr key={r.id} data-testid="correction">
                          <Table.Td>
                            {r.course}
                            {r.lessonDate ? `, ${r.lessonDate.split('-').reverse().join('.')}` : ` (${t('journal.termMark')})`}
                          </Table.Td>
                          <Table.Td>{r.student ?? '—'}</Table.Td>
                          <Table.Td>{r.oldValue ?? '—'}</Table.Td>
                          <Table.Td>{r.newValue ?? '—'}</Table.Td>
                          <Table.Td>{r.reason}</Table.Td>
                          <Table.Td>{r.madeBy}</Table.Td>
                          <Table.Td>
                            {r.acknowledgedAt ? (
                              <Text size="sm" c="dimmed">
                                {t('journal.acknowledged')}
                              </Text>
                            ) : (
                              <Button size="xs" variant="light" onClick={() => void acknowledge(r.id)}>
                                {t('journal.acknowledge')}
                              </Button>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollRegion>
                <Pager total={list.total} page={list.page} pageSize={list.pageSize} shown={list.items.length} onChange={setPage} label={t('journal.corrections')} testId="corrections-pager" />
              </Stack>
            )
          }
        </QueryState>
      </Card>
    </Stack>
  );
}

function LockForm({ schoolId, control }: { schoolId: number; control: ControlView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [term, setTerm] = useState<string | null>(null);
  const [cls, setCls] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lock = async () => {
    setError(null);
    try {
      await post(`/api/journal/schools/${schoolId}/locks`, cls ? { termId: Number(term), scope: 'class', classId: Number(cls) } : { termId: Number(term), scope: 'school' });
      await client.invalidateQueries({ queryKey: ['journal'] });
    } catch (e) {
      setError(errorCode(e));
    }
  };
  const termName = (id: number) => control.terms.find((x) => x.id === id)?.name ?? '';
  const className = (id: number | null) => control.classes.find((x) => x.id === id)?.name ?? '';
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('journal.lockTitle')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select label={t('journal.term')} data={control.terms.map((x) => ({ value: String(x.id), label: x.name }))} value={term} onChange={setTerm} data-testid="lock-term" w={200} />
        <Select label={t('journal.classOptional')} data={control.classes.map((x) => ({ value: String(x.id), label: x.name }))} value={cls} onChange={setCls} clearable w={200} />
        <Button disabled={!term} onClick={() => void lock()} data-testid="lock-button">
          {t('journal.lock')}
        </Button>
      </Group>
      {error && (
        <Text c="red.8" role="alert" mt="xs">
          {t(`errors.${error}`)}
        </Text>
      )}
      {control.locks.length > 0 && (
        <Stack gap={2} mt="sm">
          {control.locks.map((l) => (
            <Text size="sm" key={l.id} data-testid="lock-row">
              {termName(l.termId)} — {l.scope === 'school' ? t('journal.wholeSchool') : l.scope === 'class' ? className(l.classId) : t('journal.oneCourse')}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}
