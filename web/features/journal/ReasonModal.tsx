import { Button, Group, Modal, Textarea } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for the reason of a correction to a locked term; resolves null when cancelled. */
export function useReasonPrompt() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const resolver = useRef<((v: string | null) => void) | null>(null);
  const ask = useCallback(() => {
    setText('');
    setOpen(true);
    return new Promise<string | null>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const close = (value: string | null) => {
    setOpen(false);
    resolver.current?.(value);
    resolver.current = null;
  };
  const modal = (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={open} onClose={() => close(null)} title={t('journal.reasonTitle')}>
      <Textarea label={t('journal.reason')} description={t('journal.reasonHelp')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} data-autofocus data-testid="reason-input" />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => close(null)}>
          {t('common.cancel')}
        </Button>
        <Button disabled={!text.trim()} onClick={() => close(text.trim())} data-testid="reason-ok">
          {t('journal.saveCorrection')}
        </Button>
      </Group>
    </Modal>
  );
  return { ask, modal };
}
