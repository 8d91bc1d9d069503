import { Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { exportUrl, useMunicipalityDashboard } from './api';
import { ExportButton, formatDate, PageHeader } from './components';
import { ActivationCells, ActivationTableHead, DashboardFigures, TableCard, TargetCard, UpLink, WeeklyReportCard } from './dashboard';
import type { MunicipalityDashboard } from './types';

/** A municipality's dashboard: its schools, which of them confirmed the week, and its own confirmation. */
export function MunicipalityPage() {
  const id = Number(useParams().id);
  const query = useMunicipalityDashboard(id);
  return <QueryState query={query}>{(d) => <MunicipalityView d={d} />}</QueryState>;
}

function MunicipalityView({ d }: { d: MunicipalityDashboard }) {
  const { t, i18n } = useTranslation();
  const isOfficer = hasRole(useMe().data, 'municipal_officer');
  return (
    <Stack gap="lg">
      <PageHeader kicker={t('monitoring.municipalityTitle')} title={d.municipality.name} date={d.date} refreshedAt={d.refreshedAt} />
      <UpLink to={`/monitoring/regions/${d.region.id}`} label={t('monitoring.toRegion')} roles={['region_coordinator', 'admin']} />
      <TargetCard target={d.totals.target}>
        <ExportButton href={exportUrl.municipalityDashboard(d.municipality.id)} />
      </TargetCard>
      <DashboardFigures view={d.totals} history={d.history} targets={d.targets.municipality} />
      <TableCard title={t('monitoring.schools')} minWidth={720}>
        <Table striped highlightOnHover data-testid="schools">
          <ActivationTableHead unit={t('monitoring.school')} more={[t('monitoring.weeklyReport')]} />
          <Table.Tbody>
            {d.schools.map((s) => (
              <Table.Tr key={s.id} data-testid="school-row" data-confirmed={s.confirmation ? 'yes' : 'no'}>
                <ActivationCells to={`/monitoring/schools/${s.id}`} name={s.shortName} view={s} />
                <Table.Td>{s.confirmation ? t('monitoring.confirmedAt', { date: formatDate(s.confirmation.at, i18n.language) }) : t('monitoring.notConfirmed')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableCard>
      <WeeklyReportCard level="municipalities" id={d.municipality.id} week={d.week} confirmation={d.confirmation} canConfirm={isOfficer} />
    </Stack>
  );
}
