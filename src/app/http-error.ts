/** What the App needs to know about an error Octokit threw, without importing its classes. */

interface ErrorLike {
  readonly status?: unknown;
  readonly message?: unknown;
  readonly response?: { readonly headers?: Record<string, unknown> };
  readonly request?: { readonly method?: unknown; readonly url?: unknown };
}

function asErrorLike(error: unknown): ErrorLike | null {
  return typeof error === "object" && error !== null ? (error as ErrorLike) : null;
}

/** The HTTP status of a failed request, or null for an error that is not an HTTP answer. */
export function httpStatus(error: unknown): number | null {
  const status = asErrorLike(error)?.status;
  return typeof status === "number" && status > 0 ? status : null;
}

/** A response header of a failed request. */
export function errorHeader(error: unknown, name: string): string | null {
  const value = asErrorLike(error)?.response?.headers?.[name.toLowerCase()];
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

/** The response headers of a failed request, when GitHub answered. */
export function errorHeaders(error: unknown): Readonly<Record<string, unknown>> | undefined {
  return asErrorLike(error)?.response?.headers;
}

/**
 * GitHub's secondary rate limit: a 403 or 429 whose message says so, or that carries
 * `retry-after` (docs: "rate-limits-for-the-rest-api", secondary rate limits).
 */
export function isSecondaryRateLimit(error: unknown): boolean {
  const status = httpStatus(error);
  if (status !== 403 && status !== 429) return false;
  const message = String(asErrorLike(error)?.message ?? "");
  return /secondary rate limit/i.test(message) || errorHeader(error, "retry-after") !== null;
}

/**
 * Worth trying again later: GitHub's 5xx answers, rate limits (429, the secondary limit, a 403
 * with no quota left) and requests that failed or timed out without an answer.
 */
export function isTransient(error: unknown): boolean {
  const status = httpStatus(error);
  if (status === null) {
    const name = error instanceof Error ? error.name : "";
    return (
      /^(AbortError|TimeoutError|FetchError)$/.test(name) ||
      /ECONNRESET|ETIMEDOUT|ECONNREFUSED|socket hang up|fetch failed/i.test(errorMessage(error))
    );
  }
  if (status >= 500 || status === 429 || isSecondaryRateLimit(error)) return true;
  return status === 403 && errorHeader(error, "x-ratelimit-remaining") === "0";
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** "GitHub answered 500 (GET /repos/o/r/pulls/1/files): Server Error", or the error's message. */
export function describeError(error: unknown): string {
  const message = (errorMessage(error).split("\n")[0] ?? "").trim();
  const status = httpStatus(error);
  if (status === null) return message;
  const request = asErrorLike(error)?.request;
  const method = typeof request?.method === "string" ? request.method : null;
  const url = typeof request?.url === "string" ? pathOf(request.url) : null;
  const where = method && url ? ` (${method} ${url})` : "";
  return `GitHub answered ${status}${where}: ${message}`;
}

function pathOf(url: string): string {
  try {
    return new URL(url, "https://api.github.com").pathname;
  } catch {
    return url;
  }
}
