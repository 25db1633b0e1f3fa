/** A Compose file with one service `app` (image on line 3), its further keys from line 4 on. */
export function composeService(keys: string, image = "app:1.0"): string {
  return `services:\n  app:\n    image: ${image}\n${keys}`;
}

/** A Compose variable as written in the file (`${NAME:-default}`). */
export function composeVariable(body: string): string {
  return ["$", "{", body, "}"].join("");
}
