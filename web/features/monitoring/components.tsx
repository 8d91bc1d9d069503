import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { roleGroups, type TargetMilestone } from '../../../shared/monitoring';
import type { Confirmation, FigureView, HistoryPoint, MilestoneStatus, TargetEvaluation } from './types';

export function pct(x: number): string {
  return `${(Math.round(x * 1000) / 10).toLocaleString('ru-RU')} %`;
}

export function formatDate(date: string, lang: string): string {
  const d = new Date(date.length === 10 ? `${date}T12:00:00Z` : date);
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'ru-RU', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

// Dark enough for white text at WCAG AA (≥ 4.5:1); Mantine's orange and green shades are not.
const statusColor: Record<MilestoneStatus, string> = {
  met: '#1e6b34',
  done: '#1e6b34',
  on_track: '#1c4f8f',
  open: '#1c4f8f',
  at_risk: '#9a3f00',
  overdue: '#a51d1d',
  upcoming: '#495057',
};

export function StatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" data-testid="status" data-status={status}>
      {t(`monitoring.status.${status}`)}
    </Badge>
  );
}

export function TargetText({ target }: { target: TargetEvaluation }) {
  const { t, i18n } = useTranslation();
  if (!target.milestone) return <Text size="sm">{t('monitoring.noTarget')}</Text>;
  return (
    <Text size="sm">
      {t('monitoring.target')}: {t('monitoring.targetLine', { target: pct(target.milestone.target), deadline: formatDate(target.milestone.deadline, i18n.language) })}
      {target.status === 'on_track' || target.status === 'at_risk' ? ` · ${t('monitoring.expected', { expected: pct(target.expected) })}` : ''}
    </Text>
  );
}

/** Activation in total and per role group, each with its bar. */
export function ActivationCards({ view }: { view: FigureView }) {
  const { t } = useTranslation();
  const items = [
    { key: 'total', counts: view.total, rate: view.rates.activation.total },
    ...roleGroups.map((g) => ({ key: g, counts: view.figures[g], rate: view.rates.activation[g] })),
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      {items.map((item) => (
        <Card withBorder key={item.key} data-testid={`activation-${item.key}`}>
          <Text size="sm" c="dimmed">
            {t(`monitoring.groups.${item.key}`)}
          </Text>
          <Text fz={28} fw={700}>
            {pct(item.rate)}
          </Text>
          <Progress value={item.rate * 100} aria-label={t(`monitoring.groups.${item.key}`)} my={6} />
          <Text size="sm">{t('monitoring.ofPopulation', { activated: item.counts.activated, population: item.counts.population })}</Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

export function ActivityCards({ view }: { view: FigureView }) {
  const { t } = useTranslation();
  const f = view.figures;
  const cards = [
    { label: t('monitoring.activeWeek'), value: pct(view.rates.activity), sub: t('monitoring.ofPopulation', { activated: view.total.active, population: view.total.activated }) },
    { label: t('monitoring.topics'), value: pct(view.rates.topics), sub: t('monitoring.ofPopulation', { activated: f.lessonsWithTopic, population: f.lessonsPast }) },
    { label: t('monitoring.marks'), value: f.marksEntered.toLocaleString('ru-RU'), sub: t('monitoring.marksLate', { count: f.marksLate }) },
    { label: t('monitoring.consents'), value: f.consents.toLocaleString('ru-RU'), sub: '' },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      {cards.map((c) => (
        <Card withBorder key={c.label} padding="sm">
          <Text size="sm" c="dimmed">
            {c.label}
          </Text>
          <Text fz={22} fw={700}>
            {c.value}
          </Text>
          {c.sub && <Text size="xs">{c.sub}</Text>}
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** The target in force on a date: the first milestone due on or after it (step line of the chart). */
function targetOn(date: string, targets: TargetMilestone[]): number | null {
  const next = targets.find((m) => m.deadline >= date) ?? targets[targets.length - 1];
  return next ? Math.round(next.target * 100) : null;
}

export function ActivationChart({ history, targets }: { history: HistoryPoint[]; targets: TargetMilestone[] }) {
  const { t, i18n } = useTranslation();
  const data = history.map((h) => ({
    week: new Date(`${h.week}T12:00:00Z`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'ru-RU', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    total: Math.round(h.rates.activation.total * 1000) / 10,
    staff: Math.round(h.rates.activation.staff * 1000) / 10,
    students: Math.round(h.rates.activation.students * 1000) / 10,
    guardians: Math.round(h.rates.activation.guardians * 1000) / 10,
    target: targetOn(h.week, targets),
  }));
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('monitoring.chartTitle')}
      </Title>
      {data.length === 0 ? (
        <Text c="dimmed">{t('monitoring.chartEmpty')}</Text>
      ) : (
        <LineChart
          h={260}
          data={data}
          dataKey="week"
          unit=" %"
          yAxisProps={{ domain: [0, 100] }}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          series={[
            { name: 'total', label: t('monitoring.groups.total'), color: 'indigo.8' },
            { name: 'staff', label: t('monitoring.groups.staff'), color: 'teal.8' },
            { name: 'students', label: t('monitoring.groups.students'), color: 'grape.8' },
            { name: 'guardians', label: t('monitoring.groups.guardians'), color: 'orange.8' },
            { name: 'target', label: t('monitoring.chartTarget'), color: 'red.9', strokeDasharray: '6 4' },
          ]}
          curveType="linear"
          data-testid="activation-chart"
        />
      )}
    </Card>
  );
}

export function ExportButton({ href, label }: { href: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={href} download variant="light" size="xs" data-testid="export">
      {label ?? t('monitoring.exportXlsx')}
    </Button>
  );
}

/** A weekly report's confirmation: who confirmed when with the comment, or the form to confirm it. */
export function ConfirmBox({
  confirmation,
  canConfirm,
  label,
  onConfirm,
  pending,
  error,
}: {
  confirmation: Confirmation | null;
  canConfirm: boolean;
  label: string;
  onConfirm: (comment: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  const [comment, setComment] = useState('');
  if (confirmation) {
    return (
      <Stack gap={4} data-testid="confirmed">
        <Group gap="xs">
          <StatusBadge status="done" />
          <Text size="sm">{t('monitoring.confirmedAt', { date: formatDate(confirmation.at, i18n.language) })}</Text>
        </Group>
        {confirmation.comment && <Text size="sm">«{confirmation.comment}»</Text>}
      </Stack>
    );
  }
  if (!canConfirm) return <Text size="sm">{t('monitoring.notConfirmed')}</Text>;
  return (
    <Stack gap="xs">
      <Textarea label={t('monitoring.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
      {error instanceof ApiError && (
        <Alert color="red" role="alert">
          {t(`errors.${error.code}`)}
        </Alert>
      )}
      <Group>
        <Button onClick={() => onConfirm(comment)} loading={pending}>
          {label}
        </Button>
      </Group>
    </Stack>
  );
}

export function PageHeader({ kicker, title, date, refreshedAt }: { kicker: string; title: string; date: string; refreshedAt: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <Text c="dimmed">{kicker}</Text>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {t('monitoring.asOf', { date: formatDate(date, i18n.language) })} ·{' '}
        {refreshedAt ? t('monitoring.refreshed', { time: new Date(refreshedAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'ru-RU', { hour: '2-digit', minute: '2-digit' }) }) : t('monitoring.notRefreshed')}
      </Text>
    </div>
  );
}

