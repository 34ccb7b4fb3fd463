// One way to build errors for misuse and bad settings, so every message names its module.
// Bad *data* is never thrown: it becomes a RowIssue (see model/types.ts).

export class AppError extends Error {
  readonly module: string;
  constructor(module: string, message: string) {
    super(`${module}: ${message}`);
    this.name = 'AppError';
    this.module = module;
  }
}

/** Build an AppError: `appError('ingest', 'unknown field "x"; expected one of …')`. */
export function appError(module: string, message: string): AppError {
  return new AppError(module, message);
}
