/**
 * The grid itself, keyboard first: arrows, Tab and Enter move; typing opens
 * the cell with that character; Enter or Tab saves; Escape cancels; Delete
 * clears; a pasted spreadsheet column fills the cells downward. A tap selects,
 * a second tap edits (tablets). The pupil column and the header stay in place.
 */
import { Box, Text, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridView } from '../../../shared/contracts/journal';
import { cellId, cellText, type CellIndex } from './cells';

export interface Pos {
  r: number;
  c: number;
}

interface Props {
  grid: GridView;
  cells: CellIndex;
  overlay: Map<string, string>;
  problems: Set<string>;
  pos: Pos;
  setPos: (p: Pos) => void;
  /** Saves the text of a cell (c === lessons.length is the term mark, c === lessons.length + 1 the year mark on the last term). */
  commit: (p: Pos, text: string) => void;
  onLesson: (lessonIndex: number) => void;
}

const short = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

export function JournalGrid({ grid, cells, overlay, problems, pos, setPos, commit, onLesson }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const wasSelected = useRef(false);
  const termCol = grid.lessons.length;
  const yearCol = grid.year ? termCol + 1 : -1;
  const cols = termCol + (grid.year ? 2 : 1);
  const rows = grid.students.length;
  const termMarks = useMemo(() => new Map(grid.termMarks.map((m) => [m[0], m[1]])), [grid.termMarks]);
  const yearMarks = useMemo(() => new Map((grid.year?.marks ?? []).map((m) => [m[0], m[1]])), [grid.year]);

  const keyOf = (p: Pos) => {
    const student = grid.students[p.r]![0];
    return p.c === termCol ? `T:${student}` : p.c === yearCol ? `Y:${student}` : `${grid.lessons[p.c]![0]}:${student}`;
  };
  const savedText = (p: Pos) =>
    p.c === termCol ? (termMarks.get(p.r) ?? '') : p.c === yearCol ? (yearMarks.get(p.r) ?? '') : cellText(cells.get(cellId(p.c, p.r)));
  const textAt = (p: Pos) => overlay.get(keyOf(p)) ?? savedText(p);

  // Open with the selected column (today's lesson, or the latest) in view, on a phone too.
  useEffect(() => {
    tableRef.current?.querySelector<HTMLElement>('td.selected')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, []);

  useEffect(() => {
    if (editing !== null) return;
    const el = tableRef.current?.querySelector<HTMLElement>(`[data-cell="${pos.r}:${pos.c}"]`);
    if (el && document.activeElement !== el && tableRef.current?.contains(document.activeElement)) el.focus();
  }, [pos, editing]);

  const move = (dr: number, dc: number) => setPos({ r: Math.min(rows - 1, Math.max(0, pos.r + dr)), c: Math.min(cols - 1, Math.max(0, pos.c + dc)) });

  const onKey = (e: KeyboardEvent) => {
    if (editing !== null || !grid.canWrite) {
      if (editing === null) handleMove(e);
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      commit(pos, '');
      return;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      setEditing(textAt(pos));
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
      e.preventDefault();
      setEditing(e.key);
      return;
    }
    handleMove(e);
  };

  const handleMove = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [1, 0] };
    if (e.key === 'Tab') {
      e.preventDefault();
      move(0, e.shiftKey ? -1 : 1);
    } else if (moves[e.key]) {
      e.preventDefault();
      move(...moves[e.key]!);
    }
  };

  const finish = (input: HTMLInputElement, text: string | null, then?: [number, number]) => {
    // Enter and Tab close the editor, and the blur that follows must not save a second time.
    if (input.dataset.done) return;
    input.dataset.done = '1';
    setEditing(null);
    if (text !== null && text.trim() !== textAt(pos)) commit(pos, text.trim());
    const next = { r: Math.min(rows - 1, Math.max(0, pos.r + (then?.[0] ?? 0))), c: Math.min(cols - 1, Math.max(0, pos.c + (then?.[1] ?? 0))) };
    setPos(next);
    // Focus moves at once, so the next key typed lands in the next cell.
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${next.r}:${next.c}"]`)?.focus();
  };

  const onPaste = (e: React.ClipboardEvent) => {
    if (!grid.canWrite || editing !== null) return;
    const lines = e.clipboardData.getData('text/plain').replace(/\r/g, '').split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines.length === 0) return;
    e.preventDefault();
    lines.forEach((line, i) => {
      const r = pos.r + i;
      if (r < rows) commit({ r, c: pos.c }, line.split('\t')[0]!.trim());
    });
  };

  return (
    <Box className="journal-scroll" tabIndex={-1} style={{ overflow: 'auto', maxHeight: 'calc(100vh - 220px)', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 6 }}>
      <table ref={tableRef} role="grid" className="journal-grid" onKeyDown={onKey} onPaste={onPaste} aria-label={t('journal.gridLabel')}>
        <thead>
          <tr>
            <th scope="col" className="sticky-col">
              {t('journal.pupil')}
            </th>
            {grid.lessons.map((l, i) => (
              <th key={l[0]} scope="col" className={l[6] ? 'control' : undefined}>
                <Tooltip label={[l[3] || t('journal.noTopic'), l[4] && `${t('journal.homework')}: ${l[4]}`].filter(Boolean).join(' · ')} multiline w={260} withArrow>
                  <button type="button" className="lesson-head" onClick={() => onLesson(i)} data-testid={`lesson-${l[0]}`}>
                    {short(l[1])}
                    <span className={l[3] ? 'has-topic' : 'no-topic'} aria-hidden>
                      {l[3] ? '●' : '○'}
                    </span>
                  </button>
                </Tooltip>
              </th>
            ))}
            <th scope="col">{t('journal.average')}</th>
            <th scope="col">{t('journal.termMark')}</th>
            {grid.year && (
              <th scope="col" title={t('journal.yearMarkTitle')}>
                {t('journal.yearMark')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {grid.students.map((s, r) => (
            <tr key={s[0]}>
              <th scope="row" className="sticky-col">
                {s[1]}
              </th>
              {grid.lessons.map((l, c) => renderCell(r, c, `${l[0]}:${s[0]}`))}
              <td className="avg">{grid.averages[r]?.[0]?.toFixed(2) ?? '—'}</td>
              {renderCell(r, termCol, `T:${s[0]}`, grid.averages[r]?.[1])}
              {grid.year && renderCell(r, yearCol, `Y:${s[0]}`, grid.year.suggestions[r] ?? undefined, t('journal.yearSuggestion'))}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );

  function renderCell(r: number, c: number, key: string, suggestion?: string, suggestionTitle = t('journal.suggestion')) {
    const selected = pos.r === r && pos.c === c;
    const text = textAt({ r, c });
    const pending = overlay.has(key);
    const cls = ['cell', selected && 'selected', pending && 'pending', problems.has(key) && 'problem', c >= termCol && 'term', c === yearCol && 'year'].filter(Boolean).join(' ');
    return (
      <td
        key={key}
        data-cell={`${r}:${c}`}
        data-testid={`cell-${key}`}
        data-pending={pending ? 'true' : undefined}
        className={cls}
        tabIndex={selected ? 0 : -1}
        aria-selected={selected}
        onFocus={() => !selected && setPos({ r, c })}
        // A tap on the cell that was already selected edits it (tablets); the first tap only selects.
        onMouseDown={() => {
          wasSelected.current = selected;
        }}
        onClick={() => (wasSelected.current && grid.canWrite ? setEditing(text) : setPos({ r, c }))}
      >
        {selected && editing !== null ? (
          <input
            autoFocus
            className="cell-input"
            aria-label={t('journal.cellInput')}
            defaultValue={editing}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Enter') finish(e.currentTarget, e.currentTarget.value, [1, 0]);
              else if (e.key === 'Tab') {
                e.preventDefault();
                finish(e.currentTarget, e.currentTarget.value, [0, e.shiftKey ? -1 : 1]);
              } else if (e.key === 'Escape') finish(e.currentTarget, null);
            }}
            onBlur={(e) => finish(e.currentTarget, e.currentTarget.value)}
          />
        ) : (
          <>
            {text}
            {suggestion && suggestion !== text && (
              <Text span size="xs" c="dimmed" ml={4} title={suggestionTitle}>
                ({suggestion})
              </Text>
            )}
          </>
        )}
      </td>
    );
  }
}
