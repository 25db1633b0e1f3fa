/** The capabilities container runtimes grant by default, which baseline allows adding (PSA `capabilities_baseline`). */
export const BASELINE_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** The only capability restricted allows adding (PSA `capabilities_restricted`). */
export const RESTRICTED_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set(["NET_BIND_SERVICE"]);
