import { Anchor, AppShell, Burger, Center, Container, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * The shell of every page: header with the name, the language switch and the
 * account slot; a menu that is a drawer on phones and a sidebar from tablets up.
 */
export function AppLayout({ nav = [], account }: { nav?: NavItem[]; account?: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const hasNav = nav.length > 0;
  // Only the deepest matching item is current: «Мой класс» (/journal/class) is not also «Журнал» (/journal).
  const current = nav
    .map((item) => item.to)
    .filter((to) => location.pathname === to || location.pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={hasNav ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {hasNav && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('common.menu')} />}
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Group gap={8} wrap="nowrap">
                <Title order={3} c="indigo.7">
                  {t('common.appName')}
                </Title>
                <Text size="sm" c="dimmed" visibleFrom="sm">
                  {t('common.tagline')}
                </Text>
              </Group>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {account}
          </Group>
        </Group>
      </AppShell.Header>
      {hasNav && (
        <AppShell.Navbar p="xs">
          <Stack gap={2}>
            {nav.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={item.to === current}
                aria-current={item.to === current ? 'page' : undefined}
                // Filled: the light variant's indigo on pale indigo misses WCAG AA contrast.
                variant="filled"
                onClick={close}
              />
            ))}
          </Stack>
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <Container size="lg" px={0}>
          <Suspense
            fallback={
              <Center py="xl">
                <Loader role="status" aria-label={t('common.loading')} />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
