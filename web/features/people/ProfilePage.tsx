import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useMe } from '../accounts/session';
import { useChangePassword, useEndSession, useSessions } from './api';

const when = (iso: string, lang: string) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { dateStyle: 'medium', timeStyle: 'short' });

/** The signed-in person's profile: change the password, see and end sessions. */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const sessions = useSessions();
  const end = useEndSession();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ currentPassword: current, newPassword: next }, { onSuccess: () => (setCurrent(''), setNext('')) });
  };
  const error = change.error instanceof ApiError ? change.error : null;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('people.profileTitle')}
      </Title>
      {me && (
        <Text>
          {me.displayName} · {t('people.loginIs', { login: me.login })}
        </Text>
      )}
      <Card withBorder maw={520}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h4">
              {t('people.changePassword')}
            </Title>
            {change.isSuccess && (
              <Alert color="green" role="status">
                {t('people.passwordChanged')}
              </Alert>
            )}
            <PasswordInput label={t('people.currentPassword')} autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={error?.field === '/body/currentPassword' ? t(`errors.${error.code}`) : undefined} />
            <PasswordInput label={t('people.newPassword')} description={t('people.passwordHint')} autoComplete="new-password" value={next} onChange={(e) => setNext(e.currentTarget.value)} error={error?.field === '/body/newPassword' ? t(`errors.${error.code}`) : undefined} />
            <Button type="submit" loading={change.isPending} disabled={!current || !next} w="fit-content">
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('people.sessionsTitle')}
        </Title>
        <QueryState query={sessions}>
          {(list) => (
            <Stack gap="sm" data-testid="sessions">
              {list.map((s) => (
                <Group key={s.id} justify="space-between" wrap="wrap">
                  <div>
                    <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                      {s.userAgent || '—'} · {s.ip}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('people.sessionSince', { date: when(s.createdAt, i18n.language), last: when(s.lastSeenAt, i18n.language) })}
                    </Text>
                  </div>
                  {s.current ? (
                    <Badge variant="outline" color="indigo.9">{t('people.sessionThis')}</Badge>
                  ) : (
                    <Button size="xs" variant="outline" color="red.9" onClick={() => end.mutate(s.id)}>
                      {t('people.sessionEnd')}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </QueryState>
      </Card>
    </Stack>
  );
}
