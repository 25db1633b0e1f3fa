/** How many inline comments one review may carry: the default and the most `review.maxComments` may be. */

/**
 * Inline comments in one review: `review.maxComments` in the config, 100 by default, so that a
 * large pull request's one-click suggestions are all posted. They go in one `pulls/create-review`
 * request, so GitHub's abuse detection, which separate comment POSTs trip ("403 You have triggered
 * an abuse detection mechanism"; reviewdog caps each request at 30, `maxCommentsPerRequest` in
 * reviewdog `service/github/github.go`), counts one write.
 */
export const DEFAULT_REVIEW_MAX_COMMENTS = 100;

/**
 * The most `review.maxComments` may be. GitHub documents no maximum (the REST OpenAPI schema of
 * `pulls/create-review` gives `comments` no `maxItems`); this bound keeps the one request within
 * reason (each comment body may hold up to 65,536 characters) and a pull request page readable.
 */
export const MAX_REVIEW_COMMENTS = 1000;
