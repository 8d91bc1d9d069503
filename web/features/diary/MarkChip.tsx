import { Badge, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiaryMark } from '../../../shared/contracts/diary';
import { instantText } from './api';

function color(value: string): string {
  if (value.startsWith('5')) return 'teal';
  if (value.startsWith('4')) return 'blue';
  if (value.startsWith('3')) return 'yellow';
  if (value.startsWith('2') || value.startsWith('1') || value === 'н/а' || value === 'незач') return 'red';
  return 'gray';
}

/** A mark; tap (phone) or hover/focus (PC) shows its work type, weight, comment and when it was entered. */
export function MarkChip({ mark }: { mark: DiaryMark }) {
  const { t, i18n } = useTranslation();
  return (
    <Popover width={260} position="bottom" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={t('diary.markDetails', { value: mark.value })} data-testid="mark" title={mark.workType ?? undefined}>
          <Badge size="xl" radius="sm" variant="filled" color={color(mark.value)} style={{ cursor: 'pointer', textTransform: 'none' }}>
            {mark.value}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="mark-details">
        <Stack gap={4}>
          <Text fw={700}>{t('diary.markDetails', { value: mark.value })}</Text>
          <Text size="sm">
            {t('diary.workType')}: {mark.workType ?? t('diary.noWorkType')}
          </Text>
          <Text size="sm">
            {t('diary.weight')}: {mark.weight}
          </Text>
          {mark.comment && (
            <Text size="sm">
              {t('diary.comment')}: {mark.comment}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('diary.enteredAt')}: {instantText(mark.enteredAt, i18n.language)}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
