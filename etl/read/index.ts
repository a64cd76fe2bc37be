/**
 * Read step of the import pipeline. `openSpreadsheet` is the front door every file goes
 * through (CLI and upload alike): the reader runs in a worker thread with memory and time
 * bounds (./isolated.ts). `readSpreadsheet` is the same reader in the calling thread.
 */
import { parseLimits, type ImportLimits, type ParseLimits } from '@/lib/env';
import { openIsolated } from './isolated';
import type { OpenedFile } from './open';
import type { SourceInput } from './zip';

export { columnLetter } from './cells';
export { FileRejectedError } from './errors';
export { readSpreadsheet, type OpenedFile, type SheetSource } from './open';

export function openSpreadsheet(input: SourceInput, fileName: string, limits: ImportLimits, parse: ParseLimits = parseLimits()): Promise<OpenedFile> {
  return openIsolated(input, fileName, limits, parse);
}
