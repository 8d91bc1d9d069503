/**
 * Every check `otmetka backup verify` (and each scheduled backup) runs on a
 * copy, in order: an explicit list, like the module list in app.ts, so that
 * nothing registers itself by import side effects.
 */
import { builtInVerifiers, type BackupVerifier } from './modules/backup/verifiers.js';
import { auditChainVerifier } from './modules/journal/journal.service.js';

export function backupVerifiers(): BackupVerifier[] {
  return [...builtInVerifiers, auditChainVerifier];
}
