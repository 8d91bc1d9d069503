import { Alert, Button, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorCode } from '../api/client';
import { NotFoundPage } from './NotFoundPage';

/** Loading, error and not-found states of a query, the same on every page. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.error) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    const code = errorCode(query.error);
    return (
      <Alert color="red" title={t(`errors.${code}`)}>
        <Button variant="light" size="xs" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  return <>{children(query.data as T)}</>;
}
