import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { exportUrl, useConfirm, useNotActivated, useSchoolDashboard } from './api';
import { ActivationCards, ActivationChart, ActivityCards, ConfirmBox, ExportButton, formatDate, PageHeader, pct, ScrollTable, StatusBadge, TargetText } from './components';
import type { SchoolDashboard } from './types';

/** A school's dashboard: activation per class, its weekly report, and (for its own staff) who has not activated yet. */
export function MonitoringSchoolPage() {
  const id = Number(useParams().id);
  const query = useSchoolDashboard(id);
  return <QueryState query={query}>{(d) => <SchoolView d={d} />}</QueryState>;
}

function SchoolView({ d }: { d: SchoolDashboard }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const confirm = useConfirm('schools', d.school.id);
  return (
    <Stack gap="lg">
      <PageHeader kicker={t('monitoring.schoolTitle')} title={d.school.name} date={d.date} refreshedAt={d.refreshedAt} />
      {hasRole(me, 'municipal_officer', 'region_coordinator', 'admin') && (
        <Anchor component={Link} to={`/monitoring/municipalities/${d.municipality.id}`}>
          ← {t('monitoring.toMunicipality')}
        </Anchor>
      )}
      <Card withBorder>
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <StatusBadge status={d.totals.target.status} />
            <TargetText target={d.totals.target} />
          </Group>
          <ExportButton href={exportUrl.schoolDashboard(d.school.id)} />
        </Group>
      </Card>
      <Card withBorder data-testid="school-report">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            {t('monitoring.reportFor', { week: formatDate(d.week, i18n.language) })}
          </Title>
          <ExportButton href={exportUrl.schoolWeek(d.school.id, d.week)} label={t('monitoring.exportWeek')} />
        </Group>
        <ConfirmBox
          confirmation={d.confirmation}
          canConfirm={d.canConfirm}
          label={t('monitoring.confirm')}
          onConfirm={(comment) => confirm.mutate({ week: d.week, comment })}
          pending={confirm.isPending}
          error={confirm.error}
        />
      </Card>
      <ActivationCards view={d.totals} />
      <ActivityCards view={d.totals} />
      <ActivationChart history={d.history} targets={d.targets.school} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('monitoring.classes')}
        </Title>
        <ScrollTable label={t('monitoring.classes')} minWidth={480}>
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
        </ScrollTable>
      </Card>
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
            <ScrollTable label={t('monitoring.notActivated')} minWidth={480}>
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
            </ScrollTable>
          )
        }
      </QueryState>
    </Card>
  );
}

