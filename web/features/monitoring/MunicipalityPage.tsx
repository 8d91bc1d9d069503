import { Anchor, Card, Group, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { exportUrl, useConfirm, useMunicipalityDashboard } from './api';
import { ActivationCards, ActivationChart, ActivityCards, ConfirmBox, ExportButton, formatDate, PageHeader, pct, ScrollTable, StatusBadge, TargetText } from './components';
import type { MunicipalityDashboard } from './types';

/** A municipality's dashboard: its schools, which of them confirmed the week, and its own confirmation. */
export function MunicipalityPage() {
  const id = Number(useParams().id);
  const query = useMunicipalityDashboard(id);
  return <QueryState query={query}>{(d) => <MunicipalityView d={d} />}</QueryState>;
}

function MunicipalityView({ d }: { d: MunicipalityDashboard }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const confirm = useConfirm('municipalities', d.municipality.id);
  return (
    <Stack gap="lg">
      <PageHeader kicker={t('monitoring.municipalityTitle')} title={d.municipality.name} date={d.date} refreshedAt={d.refreshedAt} />
      {hasRole(me, 'region_coordinator', 'admin') && (
        <Anchor component={Link} to={`/monitoring/regions/${d.region.id}`}>
          ← {t('monitoring.toRegion')}
        </Anchor>
      )}
      <Card withBorder>
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <StatusBadge status={d.totals.target.status} />
            <TargetText target={d.totals.target} />
          </Group>
          <ExportButton href={exportUrl.municipalityDashboard(d.municipality.id)} />
        </Group>
      </Card>
      <ActivationCards view={d.totals} />
      <ActivityCards view={d.totals} />
      <ActivationChart history={d.history} targets={d.targets.municipality} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('monitoring.schools')}
        </Title>
        <ScrollTable label={t('monitoring.schools')} minWidth={720}>
          <Table striped highlightOnHover data-testid="schools">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.school')}</Table.Th>
                <Table.Th>{t('monitoring.activation')}</Table.Th>
                <Table.Th>{t('monitoring.groups.staff')}</Table.Th>
                <Table.Th>{t('monitoring.groups.students')}</Table.Th>
                <Table.Th>{t('monitoring.groups.guardians')}</Table.Th>
                <Table.Th>{t('monitoring.target')}</Table.Th>
                <Table.Th>{t('monitoring.weeklyReport')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.schools.map((s) => (
                <Table.Tr key={s.id} data-testid="school-row" data-confirmed={s.confirmation ? 'yes' : 'no'}>
                  <Table.Td>
                    <Anchor component={Link} to={`/monitoring/schools/${s.id}`}>
                      {s.shortName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{pct(s.rates.activation.total)}</Table.Td>
                  <Table.Td>{pct(s.rates.activation.staff)}</Table.Td>
                  <Table.Td>{pct(s.rates.activation.students)}</Table.Td>
                  <Table.Td>{pct(s.rates.activation.guardians)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={s.target.status} />
                  </Table.Td>
                  <Table.Td>{s.confirmation ? t('monitoring.confirmedAt', { date: formatDate(s.confirmation.at, i18n.language) }) : t('monitoring.notConfirmed')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Card>
      <Card withBorder data-testid="municipality-report">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            {t('monitoring.reportFor', { week: formatDate(d.week, i18n.language) })}
          </Title>
          <ExportButton href={exportUrl.municipalityWeek(d.municipality.id, d.week)} label={t('monitoring.exportWeek')} />
        </Group>
        <ConfirmBox
          confirmation={d.confirmation}
          canConfirm={hasRole(me, 'municipal_officer')}
          label={t('monitoring.confirmMunicipality')}
          onConfirm={(comment) => confirm.mutate({ week: d.week, comment })}
          pending={confirm.isPending}
          error={confirm.error}
        />
      </Card>
    </Stack>
  );
}
