/**
 * GitHub's limits on what the App posts, each with its source. Exceeding any of them makes GitHub
 * reject the whole request.
 */

/**
 * A review body and each review comment body: "body is too long (maximum is 65536 characters)"
 * (422 from `pulls/create-review`; google/go-github#440).
 */
export const MAX_COMMENT_BODY_CHARS = 65_536;

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

/**
 * Check run `output.summary` and `output.text`: `maxLength: 65535` in the REST OpenAPI schema of
 * `checks/create`, and the summary is also capped in bytes ("summary exceeds a maximum bytesize of
 * 65535", github/docs#35252). We cap both fields in characters and UTF-8 bytes.
 */
export const MAX_CHECK_TEXT_CHARS = 65_535;
export const MAX_CHECK_TEXT_BYTES = 65_535;

/** Annotation `title`: "The maximum size is 255 characters" (`checks/create`). */
export const MAX_ANNOTATION_TITLE_CHARS = 255;

/**
 * Annotation `message` and `raw_details`: "The maximum size is 64 KB" (`checks/create`). We stay a
 * byte under 64 KiB, counted in UTF-8 bytes.
 */
export const MAX_ANNOTATION_TEXT_BYTES = 65_535;
