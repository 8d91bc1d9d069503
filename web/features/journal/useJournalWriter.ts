/**
 * Sending the journal's edits: at once when the server answers, kept in the
 * browser (pending) when it does not, sent again when it answers again; every
 * refusal or conflict is kept for the page to show.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalChange } from '../../../shared/contracts/journal';
import { ApiError, errorCode } from '../../api/client';
import { isOffline, loadPending, savePending, writeChanges, type PendingEdit } from './api';

export interface Problem {
  key: string;
  text: string;
  code: string;
  current?: unknown;
}

export function useJournalWriter(courseId: number) {
  const client = useQueryClient();
  const [pending, setPending] = useState<PendingEdit[]>(() => loadPending());
  const [problems, setProblems] = useState<Problem[]>([]);
  const flushing = useRef(false);

  const update = useCallback((fn: (list: PendingEdit[]) => PendingEdit[]) => {
    setPending((list) => {
      const next = fn(list);
      savePending(next);
      return next;
    });
  }, []);

  const refresh = useCallback(() => client.invalidateQueries({ queryKey: ['journal', 'grid', courseId] }), [client, courseId]);

  /** Sends one cell's changes; resolves 'saved', 'pending' (kept offline) or the refusal's code. */
  const send = useCallback(
    async (edit: PendingEdit): Promise<'saved' | 'pending' | string> => {
      try {
        await writeChanges(edit.changes);
        setProblems((p) => p.filter((x) => x.key !== edit.key));
        return 'saved';
      } catch (error) {
        if (isOffline(error)) {
          update((list) => [...list.filter((e) => e.key !== edit.key), edit]);
          return 'pending';
        }
        const code = errorCode(error);
        if (code !== 'reason_required') {
          setProblems((p) => [...p.filter((x) => x.key !== edit.key), { key: edit.key, text: edit.text, code, current: error instanceof ApiError ? error.problem.current : undefined }]);
        }
        return code;
      }
    },
    [update],
  );

  const submit = useCallback(
    async (edit: PendingEdit) => {
      const result = await send(edit);
      if (result !== 'pending') await refresh();
      return result;
    },
    [send, refresh],
  );

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      let sentAny = false;
      for (const edit of loadPending()) {
        if (edit.courseId !== courseId) continue;
        const result = await send({ ...edit });
        if (result === 'pending') break;
        update((list) => list.filter((e) => e.key !== edit.key));
        sentAny = true;
      }
      if (sentAny) await refresh();
    } finally {
      flushing.current = false;
    }
  }, [courseId, send, update, refresh]);

  useEffect(() => {
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => {
      if (loadPending().some((e) => e.courseId === courseId)) void flush();
    }, 5000);
    void flush();
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [flush, courseId]);

  return { pending: pending.filter((e) => e.courseId === courseId), problems, submit, flush, dismiss: (key: string) => setProblems((p) => p.filter((x) => x.key !== key)) };
}

export type { JournalChange };
