import { Button, Card, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { exportUrl, useRegionDashboard, useSetWeights } from './api';
import { ExportButton, formatDate, PageHeader, pct } from './components';
import { ScrollRegion } from '../../ui/ScrollTable';
import { ActivationCells, ActivationTableHead, DashboardFigures, TableCard, TargetCard } from './dashboard';
import type { RankingWeights } from '../../../shared/monitoring';
import type { RegionDashboard } from './types';

/** The region coordinator's dashboard: totals, chart, municipalities, the ranking, the week's export. */
export function RegionPage() {
  const id = Number(useParams().id);
  const query = useRegionDashboard(id);
  return <QueryState query={query}>{(d) => <RegionView d={d} />}</QueryState>;
}

function RegionView({ d }: { d: RegionDashboard }) {
  const { t, i18n } = useTranslation();
  const [week, setWeek] = useState<string | null>(d.weeks[0] ?? null);
  return (
    <Stack gap="lg">
      <PageHeader kicker={t('monitoring.regionTitle')} title={d.region.name} date={d.date} refreshedAt={d.refreshedAt} />
      <TargetCard target={d.totals.target}>
        <Group gap="xs">
          <Button component={Link} to={`/monitoring/regions/${d.region.id}/plan`} variant="light" size="xs">
            {t('monitoring.openPlan')}
          </Button>
          <ExportButton href={exportUrl.regionDashboard(d.region.id)} />
        </Group>
      </TargetCard>
      <DashboardFigures view={d.totals} history={d.history} targets={d.targets.region} />

      <TableCard title={t('monitoring.municipalities')} minWidth={760}>
        <Table striped highlightOnHover data-testid="municipalities">
          <ActivationTableHead unit={t('monitoring.municipality')} more={[t('monitoring.schoolsConfirmed'), t('monitoring.reportConfirmed')]} />
          <Table.Tbody>
            {d.municipalities.map((m) => (
              <Table.Tr key={m.id}>
                <ActivationCells to={`/monitoring/municipalities/${m.id}`} name={m.name} view={m} />
                <Table.Td>{t('monitoring.confirmedCount', { confirmed: m.schoolsConfirmed, total: m.schools })}</Table.Td>
                <Table.Td>{m.confirmedAt ? formatDate(m.confirmedAt, i18n.language) : t('monitoring.no')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableCard>

      <Ranking d={d} />

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('monitoring.weeklyReport')}
        </Title>
        {d.weeks.length === 0 ? (
          <Text c="dimmed">{t('monitoring.chartEmpty')}</Text>
        ) : (
          <Group align="end" wrap="wrap">
            <Select
              label={t('monitoring.week')}
              data={d.weeks.map((w) => ({ value: w, label: t('monitoring.weekOf', { week: formatDate(w, i18n.language) }) }))}
              value={week}
              onChange={setWeek}
              allowDeselect={false}
              w={260}
            />
            {week && <ExportButton href={exportUrl.regionWeek(d.region.id, week)} label={t('monitoring.exportWeek')} />}
          </Group>
        )}
      </Card>
    </Stack>
  );
}

function Ranking({ d }: { d: RegionDashboard }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const w = d.weights;
  return (
    <Card withBorder data-testid="ranking">
      <Title order={2} size="h4" mb="xs">
        {t('monitoring.ranking')}
      </Title>
      <Text size="sm" mb="sm" data-testid="formula">
        {t('monitoring.formula', { a: w.activation, b: w.activity, c: w.topics })}
      </Text>
      <ScrollRegion label={t('monitoring.ranking')} minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('monitoring.place')}</Table.Th>
              <Table.Th>{t('monitoring.municipality')}</Table.Th>
              <Table.Th>{t('monitoring.score')}</Table.Th>
              <Table.Th>{t('monitoring.weightActivation')}</Table.Th>
              <Table.Th>{t('monitoring.weightActivity')}</Table.Th>
              <Table.Th>{t('monitoring.weightTopics')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.ranking.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.place}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td fw={700}>{(Math.round(r.score * 1000) / 1000).toLocaleString('ru-RU')}</Table.Td>
                <Table.Td>{pct(r.rates.activation.total)}</Table.Td>
                <Table.Td>{pct(r.rates.activity)}</Table.Td>
                <Table.Td>{pct(r.rates.topics)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {hasRole(me, 'region_coordinator', 'admin') && <WeightsForm regionId={d.region.id} weights={w} />}
    </Card>
  );
}

function WeightsForm({ regionId, weights }: { regionId: number; weights: RankingWeights }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(weights);
  const save = useSetWeights(regionId);
  const field = (key: keyof RankingWeights, label: string) => (
    <NumberInput label={label} value={value[key]} min={0} max={1} step={0.05} decimalScale={2} w={130} onChange={(v) => setValue({ ...value, [key]: Number(v) || 0 })} />
  );
  return (
    <Group align="end" mt="md" wrap="wrap">
      {field('activation', t('monitoring.weightActivation'))}
      {field('activity', t('monitoring.weightActivity'))}
      {field('topics', t('monitoring.weightTopics'))}
      <Button size="sm" variant="light" loading={save.isPending} onClick={() => save.mutate(value)}>
        {t('monitoring.saveWeights')}
      </Button>
      {save.isError && <Text c="red.9" size="sm" role="alert">{t('errors.validation_failed')}</Text>}
      {save.isSuccess && <Text size="sm">{t('monitoring.weightsSaved')}</Text>}
    </Group>
  );
}
