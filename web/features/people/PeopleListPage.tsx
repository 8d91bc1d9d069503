import { Alert, Anchor, Badge, Button, Group, Modal, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasRole, useMe } from '../accounts/session';
import { QueryState } from '../../ui/QueryState';
import { PEOPLE_PAGE_SIZE, useMySchools, usePeople } from './api';
import { Pager, usePageParam } from '../../ui/Pager';
import { CreatePersonForm } from './PersonForms';
import { ScrollRegion } from '../../ui/ScrollTable';

type Kind = 'staff' | 'students' | 'guardians';

/** The school admin's lists of staff, students and guardians, with search and account status. */
export function PeopleListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const schools = useMySchools();
  const fromGrants = me?.grants.find((g) => g.schoolId && ['school_admin', 'director', 'deputy'].includes(g.role))?.schoolId;
  const schoolId = Number(params.get('school')) || fromGrants || schools.data?.[0]?.id || 0;
  const kind = (params.get('kind') as Kind) || 'students';
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState('all');
  const [page, setPage] = usePageParam();
  const list = usePeople(schoolId, kind, debounced, status, page);
  const [opened, { open, close }] = useDisclosure(false);
  const [createdCode, setCreatedCode] = useState<string | null>(null);
  const canManage = hasRole(me, 'admin', 'school_admin');
  if (!schoolId && !schools.isPending) return <Text>{t('people.noSchool')}</Text>;
  // Another school, list or filter starts again at page 1.
  const set = (key: string, value: string) => setParams((p) => (p.set(key, value), p.delete('page'), p));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('people.peopleTitle')}
        </Title>
        {(schools.data?.length ?? 0) > 1 && (
          <NativeSelect aria-label={t('people.school')} value={String(schoolId)} onChange={(e) => set('school', e.currentTarget.value)} data={(schools.data ?? []).map((s) => ({ value: String(s.id), label: s.shortName }))} />
        )}
      </Group>
      <SegmentedControl
        value={kind}
        onChange={(v) => set('kind', v)}
        data={[
          { value: 'students', label: t('people.students') },
          { value: 'guardians', label: t('people.guardians') },
          { value: 'staff', label: t('people.staff') },
        ]}
      />
      <Group align="end" wrap="wrap">
        <TextInput label={t('common.search')} placeholder={t('people.searchPlaceholder')} value={q} onChange={(e) => (setQ(e.currentTarget.value), setPage(1))} style={{ flex: 1, minWidth: 200 }} />
        <NativeSelect
          label={t('people.status')}
          value={status}
          onChange={(e) => (setStatus(e.currentTarget.value), setPage(1))}
          data={(['all', 'pending', 'active', 'blocked', 'none'] as const).map((s) => ({ value: s, label: t(`people.statuses.${s}`) }))}
        />
        {canManage && kind !== 'guardians' && (
          <Button onClick={open}>{t(kind === 'staff' ? 'people.addStaff' : 'people.addStudent')}</Button>
        )}
      </Group>
      {createdCode && (
        <Alert color="green" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setCreatedCode(null)} data-testid="created-code">
          {t('people.created', { code: createdCode })}
        </Alert>
      )}
      <QueryState query={list}>
        {(data) => (
          <Stack gap="xs">
            <ScrollRegion label={t('people.peopleTitle')} minWidth={560}>
              <Table striped highlightOnHover data-testid="people-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('people.name')}</Table.Th>
                    <Table.Th>{t('people.note')}</Table.Th>
                    <Table.Th>{t('people.status')}</Table.Th>
                    {kind === 'students' && <Table.Th>{t('people.consent')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/people/${p.id}`}>
                          {[p.surname, p.name, p.patronymic].filter(Boolean).join(' ')}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{p.note}</Table.Td>
                      <Table.Td>
                        <Badge variant="outline" color={p.account.status === 'active' ? 'teal.9' : p.account.status === 'blocked' ? 'red.9' : 'gray.8'}>
                          {t(`people.statuses.${p.account.status}`)}
                        </Badge>
                      </Table.Td>
                      {kind === 'students' && <Table.Td>{p.consent ? t('people.yes') : t('people.no')}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
            <Pager total={data.total} page={data.page ?? page} pageSize={data.pageSize ?? PEOPLE_PAGE_SIZE} shown={data.items.length} onChange={setPage} label={t('people.peopleTitle')} testId="people-pager" />
          </Stack>
        )}
      </QueryState>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t(kind === 'staff' ? 'people.addStaff' : 'people.addStudent')}>
        <CreatePersonForm
          schoolId={schoolId}
          kind={kind === 'staff' ? 'staff' : 'students'}
          onDone={(code) => {
            close();
            setCreatedCode(code ?? '—');
          }}
        />
      </Modal>
    </Stack>
  );
}
