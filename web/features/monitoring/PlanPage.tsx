import { Button, Group, Popover, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { exportUrl, useMarkDone, useRegionPlan } from './api';
import { ExportButton, formatDate, pct, StatusBadge } from './components';
import { TableCard } from './dashboard';
import type { Milestone, RegionPlan } from './types';

const levels = ['region', 'municipality', 'school'] as const;

/** The rollout plan (appendix 1 of the order) with each milestone's status computed today. */
export function PlanPage() {
  const id = Number(useParams().id);
  const query = useRegionPlan(id);
  return <QueryState query={query}>{(plan) => <PlanView regionId={id} plan={plan} />}</QueryState>;
}

function PlanView({ regionId, plan }: { regionId: number; plan: RegionPlan }) {
  const { t, i18n } = useTranslation();
  const canManage = hasRole(useMe().data, 'region_coordinator', 'admin');
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('monitoring.planTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('monitoring.asOf', { date: formatDate(plan.date, i18n.language) })}
        </Text>
      </div>
      <Group>
        <ExportButton href={exportUrl.plan(regionId)} />
      </Group>
      {levels.map((level) => (
        <TableCard key={level} title={t(`monitoring.levels.${level}`)} minWidth={720} testId={`plan-${level}`}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.milestone')}</Table.Th>
                <Table.Th>{t('monitoring.deadline')}</Table.Th>
                <Table.Th>{t('monitoring.responsible')}</Table.Th>
                <Table.Th>{t('monitoring.statusHeader')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.milestones
                .filter((m) => m.level === level)
                .map((m) => (
                  <MilestoneRow key={m.id} m={m} regionId={regionId} canManage={canManage} today={plan.date} />
                ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      ))}
    </Stack>
  );
}

function MilestoneRow({ m, regionId, canManage, today }: { m: Milestone; regionId: number; canManage: boolean; today: string }) {
  const { t, i18n } = useTranslation();
  const when = m.startsOn && m.startsOn !== m.deadline ? `${formatDate(m.startsOn, i18n.language)} – ${formatDate(m.deadline, i18n.language)}` : formatDate(m.deadline, i18n.language);
  return (
    <Table.Tr data-testid="milestone" data-status={m.status}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {m.text}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`monitoring.kindLabel.${m.kind}`)}
          {m.target != null ? ` · ${t('monitoring.target')} ${pct(m.target)}` : ''}
        </Text>
        {m.units && <Text size="xs">{t('monitoring.units', m.units)}</Text>}
        {m.done && (
          <Text size="xs">
            {t('monitoring.doneNote', { date: formatDate(m.done.on, i18n.language) })}
            {m.done.note ? ` — ${m.done.note}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{when}</Table.Td>
      <Table.Td>
        <Text size="sm">{m.responsible}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <StatusBadge status={m.status} />
          {canManage && m.kind === 'manual' && !m.done && <MarkDone m={m} regionId={regionId} today={today} />}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function MarkDone({ m, regionId, today }: { m: Milestone; regionId: number; today: string }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const mark = useMarkDone(regionId);
  return (
    <Popover withinPortal position="bottom-end">
      <Popover.Target>
        <Button size="compact-xs" variant="subtle">
          {t('monitoring.markDone')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={240}>
          <TextInput type="date" label={t('monitoring.doneOn')} value={on} max={today} onChange={(e) => setOn(e.currentTarget.value)} />
          <TextInput label={t('monitoring.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} />
          <Button size="xs" loading={mark.isPending} onClick={() => mark.mutate({ id: m.id, on, note })}>
            {t('common.save')}
          </Button>
          {mark.isError && (
            <Text size="xs" c="red.9" role="alert">
              {t('errors.validation_failed')}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
