import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, errorCode } from '../api/client';

/** The text of a failed request: the translated code, and the server's detail when it names what is wrong. */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCode(error);
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  return (
    <Alert color="red" role="alert" title={t(`errors.${code}`)}>
      {detail}
    </Alert>
  );
}
