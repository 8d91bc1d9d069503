import { Alert, Anchor, Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupView } from '../../../shared/contracts/backup';
import { errorCode } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { downloadUrl, useBackUpNow, useBackups, useBackupStatus } from './api';
import { ScrollRegion } from '../../ui/ScrollTable';

function useSize() {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (bytes: number) => {
    const mb = bytes / 1024 / 1024;
    return mb >= 1 ? t('backup.mb', { n: format.format(mb) }) : t('backup.kb', { n: format.format(Math.max(1, Math.ceil(bytes / 1024))) });
  };
}

/** Mantine's light green on white misses WCAG AA; this darker green passes it on the badge and on white. */
const OK_GREEN = '#1b5e20';

function VerifiedBadge({ b }: { b: BackupView }) {
  const { t } = useTranslation();
  if (b.verified === null) return <Badge color="gray" variant="light" c="dark.7">{t('backup.notVerified')}</Badge>;
  return b.verified.ok ? (
    <Badge color="green" variant="light" c={OK_GREEN}>{t('backup.verified')}</Badge>
  ) : (
    <Badge color="red" variant="filled" title={b.verified.problems.join('\n')}>{t('backup.verifyFailed')}</Badge>
  );
}

/** The admin's backups: the list with time, size and verification; "back up now" with progress; downloads. */
export function BackupPage() {
  const { t, i18n } = useTranslation();
  const backups = useBackups();
  const status = useBackupStatus();
  const now = useBackUpNow();
  const client = useQueryClient();
  const size = useSize();
  const run = status.data;
  const wasRunning = useRef(false);
  useEffect(() => {
    // When a run ends, the list gains the new copy.
    if (wasRunning.current && run?.state !== 'running') void client.invalidateQueries({ queryKey: ['backups'], exact: true });
    wasRunning.current = run?.state === 'running';
  }, [run?.state, client]);
  // The admin's own clock: the nightly hour itself is set in the region's time zone on the server.
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('backup.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('backup.lead')}
        </Text>
      </div>
      <Card withBorder>
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Button onClick={() => now.mutate()} loading={now.isPending} disabled={run?.state === 'running'} data-testid="backup-now">
              {t('backup.backUpNow')}
            </Button>
            {run?.state === 'done' && <Text c={OK_GREEN} data-testid="backup-done">{t('backup.done')}</Text>}
          </Group>
          {run?.state === 'running' && (
            <div data-testid="backup-progress">
              <Text size="sm">{run.phase ? t(`backup.phase.${run.phase}`) : t('backup.running')}</Text>
              <Progress value={Math.round(run.progress * 100)} aria-label={t('backup.running')} animated mt={4} />
            </div>
          )}
          {run?.state === 'failed' && <Alert color="red">{t('backup.failed', { error: run.error ?? '' })}</Alert>}
          {now.error && <Alert color="red">{t(`errors.${errorCode(now.error)}`)}</Alert>}
        </Stack>
      </Card>
      <QueryState query={backups}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">{t('backup.empty')}</Text>
          ) : (
            <ScrollRegion label={t('backup.title')} minWidth={360}>
              <Table striped data-testid="backup-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('backup.when')}</Table.Th>
                    <Table.Th>{t('backup.size')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('backup.kind')}</Table.Th>
                    <Table.Th>{t('backup.status')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((b) => (
                    <Table.Tr key={b.name}>
                      <Table.Td>{when(b.createdAt)}</Table.Td>
                      <Table.Td>{size(b.sizeBytes)}</Table.Td>
                      <Table.Td visibleFrom="sm">{t(`backup.reason.${b.reason}`)}</Table.Td>
                      <Table.Td>
                        <VerifiedBadge b={b} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor href={downloadUrl(b.name)} download aria-label={t('backup.downloadName', { name: b.name })}>
                          {t('backup.download')}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )
        }
      </QueryState>
    </Stack>
  );
}
