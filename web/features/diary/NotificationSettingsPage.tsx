import { Alert, Button, Card, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationModes, type NotificationMode } from '../../../shared/contracts/diary';
import { QueryState } from '../../ui/QueryState';
import { useNotificationSettings, useSaveNotifications } from './api';
import { DiaryShell } from './DiaryShell';

/** The guardian's choice: instant notices of new marks, a daily or weekly digest, or none. */
export function NotificationSettingsPage() {
  return <DiaryShell>{() => <Settings />}</DiaryShell>;
}

function Settings() {
  const { t } = useTranslation();
  const query = useNotificationSettings();
  const save = useSaveNotifications();
  const [mode, setMode] = useState<NotificationMode | null>(null);
  return (
    <QueryState query={query}>
      {(s) => (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('diary.settingsTitle')}
            </Title>
            <Text size="sm">{s.email ? t('diary.settingsEmail', { email: s.email }) : t('diary.settingsNoEmail')}</Text>
            <Radio.Group value={mode ?? s.mode} onChange={(v) => setMode(v as NotificationMode)} aria-label={t('diary.settingsTitle')}>
              <Stack gap="xs">
                {notificationModes.map((m) => (
                  <Radio key={m} value={m} label={t(`diary.modes.${m}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <Button onClick={() => save.mutate(mode ?? s.mode)} loading={save.isPending}>
              {t('diary.save')}
            </Button>
            {save.isSuccess && <Alert color="teal">{t('diary.saved')}</Alert>}
          </Stack>
        </Card>
      )}
    </QueryState>
  );
}
