/**
 * A security option as Docker reads it (`--security-opt`, Compose `security_opt`): a name and a
 * value separated by `=` or, in the older form, `:` (`seccomp=unconfined`, `seccomp:unconfined`);
 * a bare `no-new-privileges` means true. Docker's reference:
 * https://docs.docker.com/reference/cli/docker/container/run/#security-opt
 */
export interface SecurityOpt {
  /** Lower case: `seccomp`, `apparmor`, `label`, `systempaths`, `no-new-privileges`... */
  readonly name: string;
  /** The value as written, or null for a bare option. */
  readonly value: string | null;
}

export function parseSecurityOpt(option: string): SecurityOpt {
  const text = option.trim();
  const eq = text.indexOf("=");
  const colon = text.indexOf(":");
  const cut = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon);
  if (cut === -1) return { name: text.toLowerCase(), value: null };
  return { name: text.slice(0, cut).toLowerCase(), value: text.slice(cut + 1) };
}

/** Whether the option has this name and (case-insensitively) this value. */
export function isSecurityOpt(option: string, name: string, value: string): boolean {
  const parsed = parseSecurityOpt(option);
  return parsed.name === name && parsed.value?.trim().toLowerCase() === value;
}
