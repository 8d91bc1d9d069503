import { Group, Select, Stack, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { DiaryChild } from '../../../shared/contracts/diary';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { useChildren } from './api';

/**
 * The frame of every diary page: the title, the one switch between children
 * (kept in the address as ?child=, so a link opens the same child), and the
 * tabs week / marks / feed / notices.
 */
export function DiaryShell({ children }: { children: (child: DiaryChild) => ReactNode }) {
  const { t } = useTranslation();
  const list = useChildren();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const tab = location.pathname.replace(/^\/diary\/?/, '') || 'week';
  const search = params.get('child') ? `?child=${params.get('child')}` : '';
  return (
    <QueryState query={list}>
      {(kids) => {
        const chosen = kids.find((k) => String(k.personId) === params.get('child')) ?? kids[0];
        return (
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={1} size="h2">
                {t('diary.title')}
              </Title>
              {kids.length > 1 && (
                <Select
                  aria-label={t('diary.child')}
                  data-testid="child-switch"
                  value={chosen ? String(chosen.personId) : null}
                  allowDeselect={false}
                  data={kids.map((k) => ({ value: String(k.personId), label: [k.name, k.className, k.schoolName].filter(Boolean).join(' · ') }))}
                  onChange={(value) => value && setParams({ child: value })}
                  w={{ base: '100%', sm: 360 }}
                />
              )}
            </Group>
            <Tabs value={tab} onChange={(v) => navigate(`/diary${v === 'week' ? '' : `/${v}`}${search}`)}>
              <Tabs.List>
                <Tabs.Tab value="week">{t('diary.tabs.week')}</Tabs.Tab>
                <Tabs.Tab value="marks">{t('diary.tabs.marks')}</Tabs.Tab>
                <Tabs.Tab value="feed">{t('diary.tabs.feed')}</Tabs.Tab>
                {hasRole(me, 'guardian') && <Tabs.Tab value="settings">{t('diary.tabs.settings')}</Tabs.Tab>}
              </Tabs.List>
            </Tabs>
            {chosen ? children(chosen) : null}
          </Stack>
        );
      }}
    </QueryState>
  );
}
