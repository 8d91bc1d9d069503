import { Group, Pagination, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/**
 * The page number of a paged list, kept in the address (?page=2) so that going to a row and
 * back returns to the same page; `reset` goes back to page 1 when a filter changes.
 */
export function usePageParam(key = 'page'): [number, (page: number) => void] {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Math.floor(Number(params.get(key))) || 1);
  const set = (next: number) =>
    setParams(
      (p) => {
        if (next <= 1) p.delete(key);
        else p.set(key, String(next));
        return p;
      },
      { replace: true },
    );
  return [page, set];
}

/**
 * "Showing 51–100 of 1 234" and the page buttons under a list the server answers a page at a time.
 * `page` and `pageSize` are those of the answer on screen (not of the one asked for), so the text
 * always describes the rows shown while the next page loads.
 */
export function Pager(props: { total: number; page: number; pageSize: number; shown: number; onChange: (page: number) => void; label: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const { total, page, pageSize, shown, onChange } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // The list shrank under us (rows activated, a filter narrowed it): show its last page instead of an empty one.
  useEffect(() => {
    if (shown === 0 && total > 0 && page > pages) onChange(pages);
  }, [shown, total, page, pages, onChange]);
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'ru-RU');
  const from = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  return (
    <Group justify="space-between" align="center" gap="xs" wrap="wrap" data-testid={props.testId}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {total === 0 ? t('common.pager.empty') : t('common.pager.range', { from: number(from), to: number(from + shown - 1), total: number(total) })}
      </Text>
      {pages > 1 && (
        <nav aria-label={t('common.pager.nav', { label: props.label })}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onChange}
            size="sm"
            siblings={1}
            boundaries={1}
            getItemProps={(n) => ({ 'aria-label': t('common.pager.page', { page: n }), 'aria-current': n === page ? 'page' : undefined })}
            getControlProps={(control) => ({ 'aria-label': t(`common.pager.${control === 'previous' || control === 'first' ? 'previous' : 'next'}`) })}
          />
        </nav>
      )}
    </Group>
  );
}
