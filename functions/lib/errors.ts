// The one error type a handler throws for an expected client failure; the app's onError turns it into the documented JSON shape.
export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

export interface Issue {
  path: string;
  message: string;
}

export type ClientStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ClientStatus,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
