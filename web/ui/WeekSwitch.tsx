import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../shared/dates';
import { shortDate } from './dates';

/**
 * The school week shown (Monday–Saturday) between buttons to the previous and
 * next week; a button is disabled where the server offers no such week (it
 * would leave the academic year).
 */
export function WeekSwitch({ monday, prevWeek, nextWeek, onChange, subtitle }: {
  monday: string;
  prevWeek: string | null;
  nextWeek: string | null;
  onChange: (week: string) => void;
  subtitle?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Button variant="default" size="sm" disabled={!prevWeek} onClick={() => prevWeek && onChange(prevWeek)} aria-label={t('common.prevWeek')}>
        <span aria-hidden="true">‹</span>
      </Button>
      <Stack gap={0} align="center">
        <Text fw={600} data-testid="week-title">
          {t('common.weekOf', { from: shortDate(monday), to: shortDate(addDays(monday, 5), true) })}
        </Text>
        {subtitle && (
          <Text size="sm" c="dimmed">
            {subtitle}
          </Text>
        )}
      </Stack>
      <Button variant="default" size="sm" disabled={!nextWeek} onClick={() => nextWeek && onChange(nextWeek)} aria-label={t('common.nextWeek')}>
        <span aria-hidden="true">›</span>
      </Button>
    </Group>
  );
}
