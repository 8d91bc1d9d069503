import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { MeView } from '../../../shared/contracts/accounts';
import type { Role } from '../../../shared/roles';
import { ApiError, get, post } from '../../api/client';
import { Center, Loader } from '@mantine/core';

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await get<MeView>('/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function hasRole(me: MeView | null | undefined, ...roles: Role[]): boolean {
  return !!me && me.grants.some((g) => roles.includes(g.role));
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { login: string; password: string }) => post<MeView>('/api/auth/sign-in', input),
    onSuccess: (me) => {
      client.clear();
      client.setQueryData(['me'], me);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<void>('/api/auth/sign-out'),
    onSettled: () => {
      client.clear();
      client.setQueryData(['me'], null);
    },
  });
}

/** Renders its children for a signed-in person; sends anyone else to the sign-in page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!me.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
