import { Alert, Button, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importKinds, type ImportKind } from '../../../shared/imports';
import { errorCode } from '../../api/client';
import { SectionCard } from '../../ui/SectionCard';
import { downloadExport } from './api';

export function ExportsCard({ schoolId }: { schoolId: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ImportKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: ImportKind) => {
    setBusy(kind);
    setError(null);
    try {
      await downloadExport(schoolId, kind);
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    } finally {
      setBusy(null);
    }
  };
  return (
    <SectionCard title={t('imports.exports')} hint={t('imports.exportsHint')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {importKinds.map((k) => (
          <Button key={k} variant="light" onClick={() => void run(k)} loading={busy === k} data-testid={`export-${k}`}>
            {t(`imports.kinds.${k}`)}
          </Button>
        ))}
      </SimpleGrid>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </SectionCard>
  );
}
