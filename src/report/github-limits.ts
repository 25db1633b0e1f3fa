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
