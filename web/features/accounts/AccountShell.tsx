import { Button, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AppLayout } from '../../ui/AppLayout';
import { menuFor } from '../navigation';
import { useMe, useSignOut } from './session';

/** The app shell with the signed-in person's menu and account button. */
export function AccountShell() {
  const { t } = useTranslation();
  const me = useMe().data;
  const signOut = useSignOut();
  const navigate = useNavigate();
  const nav = menuFor(me).map((e) => ({ to: e.to, label: t(e.label) }));
  const account = me ? (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${t('common.account')}: ${me.displayName}`} data-testid="account-menu">
          <Text size="sm" fw={500} maw={{ base: 110, sm: 260 }} truncate="end">
            {me.displayName}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/') })}>{t('common.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  ) : (
    <Button component={Link} to="/sign-in" size="xs" variant="light">
      {t('common.signIn')}
    </Button>
  );
  return <AppLayout nav={nav} account={account} />;
}
