/**
 * The blocks the three dashboards (region, municipality, school) are built of, so that
 * each page keeps only what is its own: its tables, its links and its order of blocks.
 */
import { Anchor, Card, Group, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TargetMilestone } from '../../../shared/monitoring';
import type { Role } from '../../../shared/roles';
import { hasRole, useMe } from '../accounts/session';
import { exportUrl, useConfirm } from './api';
import { ActivationCards, ActivationChart, ActivityCards, ConfirmBox, ExportButton, formatDate, pct, StatusBadge, TargetText } from './components';
import { ScrollRegion } from '../../ui/ScrollTable';
import type { Confirmation, FigureView, HistoryPoint, TargetEvaluation } from './types';

/** "← To the region": a link up the chain, shown only to the roles that may open the page above. */
export function UpLink({ to, label, roles }: { to: string; label: string; roles: Role[] }) {
  const me = useMe().data;
  if (!hasRole(me, ...roles)) return null;
  return (
    <Anchor component={Link} to={to}>
      ← {label}
    </Anchor>
  );
}

/** The card under the header: the target's status and line, with the page's buttons on the right. */
export function TargetCard({ target, children }: { target: TargetEvaluation; children: ReactNode }) {
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <StatusBadge status={target.status} />
          <TargetText target={target} />
        </Group>
        {children}
      </Group>
    </Card>
  );
}

/** Activation and activity cards, then the chart of activation by week against the targets. */
export function DashboardFigures({ view, history, targets }: { view: FigureView; history: HistoryPoint[]; targets: TargetMilestone[] }) {
  return (
    <>
      <ActivationCards view={view} />
      <ActivityCards view={view} />
      <ActivationChart history={history} targets={targets} />
    </>
  );
}

/** A titled card holding one table that scrolls sideways on a phone; the title also names the scroll region. */
export function TableCard({ title, minWidth, testId, children }: { title: string; minWidth: number; testId?: string; children: ReactNode }) {
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <ScrollRegion label={title} minWidth={minWidth}>
        {children}
      </ScrollRegion>
    </Card>
  );
}

/**
 * The head of a table of schools or of municipalities: the unit, its activation in total and per
 * role group and its target's status, then the page's own columns.
 */
export function ActivationTableHead({ unit, more }: { unit: string; more: string[] }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{unit}</Table.Th>
        <Table.Th>{t('monitoring.activation')}</Table.Th>
        <Table.Th>{t('monitoring.groups.staff')}</Table.Th>
        <Table.Th>{t('monitoring.groups.students')}</Table.Th>
        <Table.Th>{t('monitoring.groups.guardians')}</Table.Th>
        <Table.Th>{t('monitoring.target')}</Table.Th>
        {more.map((label, i) => (
          // A fixed list: the position is a stable key even if two labels read the same in a language.
          <Table.Th key={i}>{label}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A row's first cells under ActivationTableHead: the unit linking to its dashboard, its activation, its target. */
export function ActivationCells({ to, name, view }: { to: string; name: string; view: Pick<FigureView, 'rates' | 'target'> }) {
  const { rates, target } = view;
  return (
    <>
      <Table.Td>
        <Anchor component={Link} to={to}>
          {name}
        </Anchor>
      </Table.Td>
      <Table.Td>{pct(rates.activation.total)}</Table.Td>
      <Table.Td>{pct(rates.activation.staff)}</Table.Td>
      <Table.Td>{pct(rates.activation.students)}</Table.Td>
      <Table.Td>{pct(rates.activation.guardians)}</Table.Td>
      <Table.Td>
        <StatusBadge status={target.status} />
      </Table.Td>
    </>
  );
}

// The two links of the weekly report chain that confirm their week (the region only receives).
const reportLevels = {
  schools: { testId: 'school-report', weekExport: exportUrl.schoolWeek, confirmLabel: 'monitoring.confirm' },
  municipalities: { testId: 'municipality-report', weekExport: exportUrl.municipalityWeek, confirmLabel: 'monitoring.confirmMunicipality' },
} as const;

/** The week's report of a school or a municipality: its XLSX, and its confirmation or the form to confirm it. */
export function WeeklyReportCard({
  level,
  id,
  week,
  confirmation,
  canConfirm,
}: {
  level: keyof typeof reportLevels;
  id: number;
  week: string;
  confirmation: Confirmation | null;
  canConfirm: boolean;
}) {
  const { t, i18n } = useTranslation();
  const confirm = useConfirm(level, id);
  const { testId, weekExport, confirmLabel } = reportLevels[level];
  return (
    <Card withBorder data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('monitoring.reportFor', { week: formatDate(week, i18n.language) })}
        </Title>
        <ExportButton href={weekExport(id, week)} label={t('monitoring.exportWeek')} />
      </Group>
      <ConfirmBox
        confirmation={confirmation}
        canConfirm={canConfirm}
        label={t(confirmLabel)}
        onConfirm={(comment) => confirm.mutate({ week, comment })}
        pending={confirm.isPending}
        error={confirm.error}
      />
    </Card>
  );
}
