/**
 * A file the reader refuses before or while reading it. `code` is stable for callers and tests
 * ('empty', 'xls', 'corrupt', 'zip-bomb', 'too-many-rows'…); `message` is Vietnamese and says how to fix it.
 */
export class FileRejectedError extends Error {
  constructor(
    public code: string,
    message: string,
    /** Spreadsheet row (1-based, as a person sees it) when the problem is in one row. */
    public row: number | null = null,
  ) {
    super(message);
    this.name = 'FileRejectedError';
  }
}
