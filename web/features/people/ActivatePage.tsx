import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { FormCard } from '../../ui/FormCard';
import { usePublicSchool } from '../structure/api';
import { useActivate } from './api';

/** Activation with the code from the school's letter; linked from the public school page (?school=ID). */
export function ActivatePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const school = usePublicSchool(Number(params.get('school') ?? 0));
  const activate = useActivate();
  const navigate = useNavigate();
  const [form, setForm] = useState({ code: '', login: '', password: '', again: '' });
  const [mismatch, setMismatch] = useState(false);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.password !== form.again) return setMismatch(true);
    setMismatch(false);
    activate.mutate({ code: form.code, login: form.login, password: form.password }, { onSuccess: () => navigate('/home', { replace: true }) });
  };
  const error = activate.error instanceof ApiError ? activate.error : null;
  const fieldError = (field: string) => (error?.field === `/body/${field}` ? t(`errors.${error.code}`) : undefined);
  return (
    <FormCard title={t('people.activateTitle')} maxWidth={460} onSubmit={submit}>
      {school.data && <Text fw={500}>{t('people.activateFor', { name: school.data.name })}</Text>}
      <Text size="sm" c="dimmed">
        {t('people.activateLead')}
      </Text>
      {error && !['/body/code', '/body/login', '/body/password'].includes(error.field ?? '') && (
        <Alert color="red" role="alert">
          {t(`errors.${error.code}`)}
        </Alert>
      )}
      <TextInput label={t('people.code')} description={t('people.codeHint')} name="code" autoComplete="one-time-code" autoCapitalize="characters" required value={form.code} onChange={set('code')} error={fieldError('code')} />
      <TextInput label={t('people.login')} description={t('people.loginHint')} name="login" autoComplete="username" autoCapitalize="none" required value={form.login} onChange={set('login')} error={fieldError('login')} />
      <PasswordInput label={t('people.password')} description={t('people.passwordHint')} name="password" autoComplete="new-password" required value={form.password} onChange={set('password')} error={fieldError('password')} />
      <PasswordInput label={t('people.passwordAgain')} name="again" autoComplete="new-password" required value={form.again} onChange={set('again')} error={mismatch ? t('people.passwordsDiffer') : undefined} />
      <Button type="submit" loading={activate.isPending} disabled={!form.code || !form.login || !form.password}>
        {t('people.activate')}
      </Button>
      <Text size="sm">
        {t('people.haveAccount')}{' '}
        <Anchor component={Link} to="/sign-in" underline="always">
          {t('common.signIn')}
        </Anchor>
      </Text>
    </FormCard>
  );
}
