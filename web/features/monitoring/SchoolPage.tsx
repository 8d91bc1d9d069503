import { Badge, Card, Group, NativeSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { exportUrl, useNotActivated, useSchoolDashboard } from './api';
import { Pager, usePageParam } from '../../ui/Pager';
import { ExportButton, PageHeader, pct } from './components';
import { ScrollRegion } from '../../ui/ScrollTable';
import { DashboardFigures, TableCard, TargetCard, UpLink, WeeklyReportCard } from './dashboard';
import type { SchoolDashboard } from './types';

/** A school's dashboard: activation per class, its weekly report, and (for its own staff) who has not activated yet. */
export function MonitoringSchoolPage() {
  const id = Number(useParams().id);
  const query = useSchoolDashboard(id);
  return <QueryState query={query}>{(d) => <SchoolView d={d} />}</QueryState>;
}

function SchoolView({ d }: { d: SchoolDashboard }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader kicker={t('monitoring.schoolTitle')} title={d.school.name} date={d.date} refreshedAt={d.refreshedAt} />
      <UpLink to={`/monitoring/municipalities/${d.municipality.id}`} label={t('monitoring.toMunicipality')} roles={['municipal_officer', 'region_coordinator', 'admin']} />
      <TargetCard target={d.totals.target}>
        <ExportButton href={exportUrl.schoolDashboard(d.school.id)} />
      </TargetCard>
      <WeeklyReportCard level="schools" id={d.school.id} week={d.week} confirmation={d.confirmation} canConfirm={d.canConfirm} />
      <DashboardFigures view={d.totals} history={d.history} targets={d.targets.school} />
      <TableCard title={t('monitoring.classes')} minWidth={480}>
        <Table striped data-testid="classes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('monitoring.className')}</Table.Th>
              <Table.Th>{t('monitoring.groups.students')}</Table.Th>
              <Table.Th>{t('monitoring.groups.guardians')}</Table.Th>
              <Table.Th>{t('monitoring.rate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.classes.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{t('monitoring.ofPopulation', { activated: c.students.activated, population: c.students.population })}</Table.Td>
                <Table.Td>{t('monitoring.ofPopulation', { activated: c.guardians.activated, population: c.guardians.population })}</Table.Td>
                <Table.Td>{pct(c.rate)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableCard>
      {d.canSeeNames && <NotActivated schoolId={d.school.id} classes={d.classes} />}
    </Stack>
  );
}

/** Who has not activated yet, a page at a time in class order; filtered by class, kind and name on the server. */
function NotActivated({ schoolId, classes }: { schoolId: number; classes: Array<{ id: number; name: string }> }) {
  const { t } = useTranslation();
  const [page, setPage] = usePageParam();
  const [classId, setClassId] = useState<string | null>(null);
  const [kind, setKind] = useState('all');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const query = useNotActivated(schoolId, { page, classId: classId ? Number(classId) : null, kind: kind === 'all' ? null : kind, q });
  const filtered = !!classId || kind !== 'all' || q !== '';
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  return (
    <Card withBorder data-testid="not-activated">
      <Title order={2} size="h4">
        {t('monitoring.notActivated')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('monitoring.notActivatedHint')}
      </Text>
      <Group align="flex-end" wrap="wrap" mb="sm" role="search" aria-label={t('monitoring.notActivatedFilter')}>
        <Select
          label={t('monitoring.className')}
          placeholder={t('monitoring.allClasses')}
          clearable
          searchable
          data={classes.map((c) => ({ value: String(c.id), label: c.name }))}
          value={classId}
          onChange={refilter(setClassId)}
          w={150}
          data-testid="not-activated-class"
        />
        <NativeSelect
          label={t('monitoring.kindFilter')}
          value={kind}
          onChange={(e) => refilter(setKind)(e.currentTarget.value)}
          data={[
            { value: 'all', label: t('monitoring.whoever') },
            { value: 'student', label: t('monitoring.kind.student') },
            { value: 'guardian', label: t('monitoring.kind.guardian') },
          ]}
          w={220}
        />
        <TextInput
          label={t('monitoring.nameSearch')}
          placeholder={t('monitoring.nameSearchPlaceholder')}
          value={search}
          onChange={(e) => refilter(setSearch)(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 180 }}
          data-testid="not-activated-search"
        />
      </Group>
      <QueryState query={query}>
        {(list) =>
          list.total === 0 && !filtered ? (
            <Text>{t('monitoring.allActivated')}</Text>
          ) : (
            <Stack gap="xs">
              {list.items.length > 0 && (
                <ScrollRegion label={t('monitoring.notActivated')} minWidth={480}>
                  <Table striped data-testid="not-activated-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('monitoring.className')}</Table.Th>
                        <Table.Th>{t('monitoring.person')}</Table.Th>
                        <Table.Th>{t('monitoring.kind.student')} / {t('monitoring.kind.guardian')}</Table.Th>
                        <Table.Th>{t('monitoring.account')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.items.map((p) => (
                        <Table.Tr key={`${p.kind}-${p.personId}-${p.classId}`} data-testid="not-activated-row">
                          <Table.Td>{p.className}</Table.Td>
                          <Table.Td>{p.name}</Table.Td>
                          <Table.Td>{t(`monitoring.kind.${p.kind}`)}</Table.Td>
                          <Table.Td>
                            <Badge variant="outline" color="gray.8">
                              {t(`monitoring.accountStatus.${p.accountStatus}`)}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollRegion>
              )}
              <Pager total={list.total} page={list.page} pageSize={list.pageSize} shown={list.items.length} onChange={setPage} label={t('monitoring.notActivated')} testId="not-activated-pager" />
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}
