/**
 * Every check `otmetka backup verify` (and each scheduled backup) runs on a
 * copy, in order: an explicit list, like the module list in app.ts, so that
 * nothing registers itself by import side effects.
 *
 * The journal module adds its audit-chain check here, e.g.
 *   import { auditChainVerifier } from './modules/journal/journal.service.js';
 *   ... [...builtInVerifiers, auditChainVerifier]
 * where auditChainVerifier implements BackupVerifier: it receives the copy's
 * own Db and recomputes the chain there.
 */
import { builtInVerifiers, type BackupVerifier } from './modules/backup/verifiers.js';

export function backupVerifiers(): BackupVerifier[] {
  return [...builtInVerifiers];
}
