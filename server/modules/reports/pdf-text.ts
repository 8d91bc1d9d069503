/** Test helper: the text of a PDF as Debian's pdftotext (poppler-utils) reads it, pages split by form feeds. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfText(body: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'otmetka-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), body);
    return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
