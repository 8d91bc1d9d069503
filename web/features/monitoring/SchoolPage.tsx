import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { exportUrl, useNotActivated, useSchoolDashboard } from './api';
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
      {d.canSeeNames && <NotActivated schoolId={d.school.id} />}
    </Stack>
  );
}

function NotActivated({ schoolId }: { schoolId: number }) {
  const { t } = useTranslation();
  const query = useNotActivated(schoolId, true);
  return (
    <Card withBorder data-testid="not-activated">
      <Title order={2} size="h4">
        {t('monitoring.notActivated')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('monitoring.notActivatedHint')}
      </Text>
      <QueryState query={query}>
        {(people) =>
          people.length === 0 ? (
            <Text>{t('monitoring.allActivated')}</Text>
          ) : (
            <ScrollRegion label={t('monitoring.notActivated')} minWidth={480}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('monitoring.className')}</Table.Th>
                    <Table.Th>{t('monitoring.person')}</Table.Th>
                    <Table.Th>{t('monitoring.kind.student')} / {t('monitoring.kind.guardian')}</Table.Th>
                    <Table.Th>{t('monitoring.account')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {people.map((p) => (
                    <Table.Tr key={`${p.kind}-${p.personId}-${p.className}`}>
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
          )
        }
      </QueryState>
    </Card>
  );
}

