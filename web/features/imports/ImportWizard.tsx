import { Alert, Button, Card, FileButton, Group, Progress, Select, Stack, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport, ImportResult } from '../../../shared/contracts/imports';
import { importColumns, importKinds, type ImportKind } from '../../../shared/imports';
import { ApiError, errorCode } from '../../api/client';
import { checkImport, runImport } from './api';
import { ImportReportView } from './ImportReportView';

type Phase = 'choose' | 'checked' | 'running' | 'done';

/** Choose a kind and a file → dry-run report → confirm → progress → result. */
export function ImportWizard({ schoolId, onImported }: { schoolId: number; onImported: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('students');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('choose');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = (keepKind = true) => {
    setPhase('choose');
    setReport(null);
    setResult(null);
    setError(null);
    setProgress({ done: 0, total: 0 });
    if (!keepKind) setFile(null);
  };

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'import_has_problems' && e.problem.report) {
      setReport(e.problem.report as ImportReport);
      setPhase('checked');
      return;
    }
    setError(t(`errors.${errorCode(e)}`));
  };

  const check = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await checkImport(schoolId, kind, file));
      setPhase('checked');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (!file) return;
    setPhase('running');
    setError(null);
    try {
      setResult(await runImport(schoolId, kind, file, (done, total) => setProgress({ done, total })));
      setPhase('done');
      onImported();
    } catch (e) {
      setPhase('checked');
      fail(e);
    }
  };

  const step = { choose: 0, checked: 1, running: 2, done: 3 }[phase];

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t('imports.wizard')}
        </Title>
        <Stepper active={step} size="xs" allowNextStepsSelect={false}>
          <Stepper.Step label={t('imports.steps.choose')} />
          <Stepper.Step label={t('imports.steps.check')} />
          <Stepper.Step label={t('imports.steps.run')} />
          <Stepper.Step label={t('imports.steps.result')} />
        </Stepper>
        <Select
          label={t('imports.kind')}
          data={importKinds.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => {
            if (v) setKind(v as ImportKind);
            reset();
          }}
          allowDeselect={false}
          disabled={phase === 'running'}
          data-testid="import-kind"
        />
        <Text size="sm" c="dimmed">
          {t('imports.columns')}: {importColumns[kind].map((c) => (c.required ? `${c.ru} (${t('imports.required')})` : c.ru)).join('; ')}
        </Text>
        <Stack gap={4}>
          <Text fw={500} size="sm" id="import-file-label">
            {t('imports.file')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('imports.fileHint')}
          </Text>
          <Group gap="sm">
            <FileButton
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(f) => {
                setFile(f);
                reset();
              }}
            >
              {(props) => (
                <Button {...props} variant="default" disabled={phase === 'running'} data-testid="import-file">
                  {t('imports.filePlaceholder')}
                </Button>
              )}
            </FileButton>
            <Text size="sm" aria-live="polite" data-testid="import-file-name">
              {file?.name ?? ''}
            </Text>
          </Group>
        </Stack>
        {phase === 'choose' && (
          <Group>
            <Button onClick={() => void check()} loading={busy} disabled={!file} data-testid="import-check">
              {t('imports.check')}
            </Button>
          </Group>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {report && phase === 'checked' && (
          <Stack data-testid="import-report">
            <ImportReportView report={report} />
            <Group>
              <Button variant="default" onClick={() => reset()}>
                {t('imports.back')}
              </Button>
              {report.ok && (
                <Button onClick={() => void run()} data-testid="import-run">
                  {t('imports.confirm', { rows: report.rows })}
                </Button>
              )}
            </Group>
            {report.ok && (
              <Text size="sm" c="dimmed">
                {t('imports.confirmHint')}
              </Text>
            )}
          </Stack>
        )}
        {phase === 'running' && (
          <Stack gap="xs">
            <Text role="status">{t('imports.running', { done: progress.done, total: progress.total || report?.rows || 0 })}</Text>
            <Progress value={progress.total ? (progress.done * 100) / progress.total : 5} animated aria-label={t('imports.steps.run')} />
          </Stack>
        )}
        {phase === 'done' && result && (
          <Stack>
            <Alert color="green" role="status" data-testid="import-result">
              <Text>{t('imports.result', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</Text>
              {(kind === 'students' || kind === 'staff') && (
                <Text>{t('imports.resultPeople', { guardians: result.guardiansCreated, accounts: result.accountsCreated, moved: result.moved })}</Text>
              )}
            </Alert>
            <Group>
              <Button variant="default" onClick={() => reset(false)}>
                {t('imports.another')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
