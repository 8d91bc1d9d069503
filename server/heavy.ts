/**
 * Large libraries loaded on first use, not at every server or CLI start:
 * exceljs alone adds ≈ 30 MB to the resident set of a server that may never
 * write a spreadsheet.
 */
import type ExcelJS from 'exceljs';

let excelModule: Promise<typeof ExcelJS> | null = null;

export function excel(): Promise<typeof ExcelJS> {
  excelModule ??= import('exceljs').then((module) => ((module as { default?: typeof ExcelJS }).default ?? module) as typeof ExcelJS);
  return excelModule;
}
