import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { FormCard } from '../../ui/FormCard';
import { useMe, useSignIn } from './session';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/home';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));
  if (me.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ login, password }, { onSuccess: () => navigate(next, { replace: true }) });
  };
  const error = signIn.error instanceof ApiError ? signIn.error.code : signIn.error ? 'internal_error' : null;
  return (
    <FormCard title={t('accounts.signInTitle')} maxWidth={420} onSubmit={submit}>
      {error && (
        <Alert color="red" role="alert">
          {t(`errors.${error}`)}
        </Alert>
      )}
      <TextInput label={t('accounts.login')} name="login" autoComplete="username" autoCapitalize="none" required value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
      <PasswordInput label={t('accounts.password')} name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
      <Button type="submit" loading={signIn.isPending} disabled={!login || !password}>
        {t('accounts.signIn')}
      </Button>
      <Text size="sm" c="dimmed">
        {t('accounts.noAccount')}{' '}
        <Anchor component={Link} to="/activate" underline="always">
          {t('accounts.activateLink')}
        </Anchor>
      </Text>
    </FormCard>
  );
}
