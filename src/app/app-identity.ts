/**
 * The App's own login, `<slug>[bot]`, as it appears on its reviews and comments (REST logins of
 * apps end in `[bot]`). Looked up once with the App's JWT (`GET /app`) and remembered by the
 * object, not globally; a failed lookup is retried on the next call.
 */
export interface AppIdentity {
  login(): Promise<string>;
}

export function createAppIdentity(lookupSlug: () => Promise<string>): AppIdentity {
  let pending: Promise<string> | null = null;
  return {
    login() {
      pending ??= lookupSlug().then(
        (slug) => `${slug}[bot]`,
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
  };
}
