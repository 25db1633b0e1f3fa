import { codeSpan } from "../core/code-span.js";
import type { Fix } from "../core/types.js";
import { APPARMOR_ANNOTATION } from "./validity/security-context.js";
import {
  type LexedTemplate,
  lexTemplate,
  type TemplateAction,
  templateBlocks,
} from "../yaml/go-template-lexer.js";
import type { LineIndex } from "../yaml/line-index.js";

/** Why a fix was withheld in a template, appended to the finding's remediation. */
export const TEMPLATE_FIX_WITHHELD =
  "No fix is suggested here: the only one found rewrites lines that hold Go template actions, which a suggestion must keep; change the setting by hand (or in the chart's values).";

/**
 * Whether a fix keeps every Go template action of the lines it replaces, unchanged and in order,
 * and adds none: a fix in a chart template edits only the setting's own lines and never
 * re-renders a block around actions (which would drop `{{ if }}`, `{{ include }}`…).
 */
export function keepsTemplateActions(text: string, index: LineIndex, fix: Fix): boolean {
  const replaced = text.slice(index.lineStart(fix.line), index.lineEnd(fix.endLine));
  if (!replaced.includes("{{") && !fix.text.includes("{{")) return true;
  const before = lexTemplate(replaced);
  const after = lexTemplate(fix.text);
  if (before.error || after.error || before.actions.length !== after.actions.length) return false;
  return before.actions.every((a, i) => {
    const b = after.actions[i];
    return b !== undefined && replaced.slice(a.start, a.end) === fix.text.slice(b.start, b.end);
  });
}

/**
 * The conditional that makes the setting at `at` an option of the chart: the innermost `if` or
 * `with` (or `else if`/`else with`) whose branch holds the setting and whose condition names it
 * (`{{- if .Values.useOperatorHostNetwork }}` over `hostNetwork: true`, `{{- if
 * .Values.global.proxy.privileged }}` over `privileged: true`; for a host namespace, also a
 * comparison with `"host"`, as Rook's `{{- if ($network.provider | default "") | eq "host" }}`;
 * for a host port, an option that exposes ports, as Consul's `exposeGossipPorts`),
 * or whose condition names a platform (`{{- else if .Values.global.openshift }}`, see
 * `PLATFORMS`) and holds no whole object. Such a line is written only for the installs that turn
 * the option on, or that run on that platform, so removing it would not take the privilege away
 * from a workload that does not need it but leave the option silently doing nothing for those
 * that do. Null when no such conditional holds the setting.
 */
export function optionGate(
  lexed: LexedTemplate,
  text: string,
  at: number,
  setting: string,
): TemplateAction | null {
  const word = settingWord(setting);
  // A key many settings share (`type:` of a profile, `path:` of any volume) names no option.
  const named = word !== "" && !GENERIC_KEYS.has(word);
  const { actions } = lexed;
  let found: TemplateAction | null = null;
  let innermost = Number.POSITIVE_INFINITY;
  for (const block of templateBlocks(actions).blocks) {
    const open = actions[block.open];
    const end = actions[block.end];
    if (!open || !end || at < open.end || at >= end.start) continue;
    if (open.keyword !== "if" && open.keyword !== "with") continue;
    // The branch that holds the setting: the opening action's, or an `else`'s.
    let governing: TemplateAction = open;
    for (const i of block.elses) {
      const e = actions[i];
      if (e && at >= e.end) governing = e;
    }
    const condition = governing.body.replace(/^else\b\s*/, "");
    if (!/^(?:if|with)\b/.test(condition)) continue;
    const names =
      (named && normalized(condition).includes(word)) ||
      (setting === "hostPort" && EXPOSES_PORTS.test(condition)) ||
      (HOST_NAMESPACES.has(setting) && /"host"/.test(condition)) ||
      (platformOf(condition) !== null && !WHOLE_OBJECT.test(text.slice(open.end, end.start)));
    // Of the conditionals that name it, the innermost (the one that opens last before it).
    if (names && end.start - open.start < innermost) {
      innermost = end.start - open.start;
      found = governing;
    }
  }
  return found;
}

/**
 * The setting a finding at `at` stands on, as its line writes it: the key (`hostNetwork` of
 * `hostNetwork: true`, an annotation's `container.apparmor.security.beta.kubernetes.io/agent`) or
 * a list item's scalar (`SYS_ADMIN` of `- SYS_ADMIN`).
 */
export function settingAt(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const end = text.indexOf("\n", at);
  const line = text.slice(start, end === -1 ? text.length : end);
  const m = /^\s*(?:-\s+)?["']?([\w./-]+)["']?\s*(?::|$)/.exec(line);
  return m?.[1] ?? "";
}

const HOST_NAMESPACES = new Set(["hostNetwork", "hostPID", "hostIPC"]);
/**
 * An option that exposes ports names the host ports it writes (Consul's
 * `{{- if .Values.client.exposeGossipPorts }}` and `server.exposeGossipAndRPCPorts` over
 * `hostPort: 8301`: "expose the clients' gossip ports as hostPorts", the chart's values.yaml).
 */
const EXPOSES_PORTS = /expose\w*ports?\b/i;
/** A conditional that holds a whole object (`kind:` at the start of a line) renders a workload, not a setting. */
const WHOLE_OBJECT = /^kind:/m;
const GENERIC_KEYS = new Set(["type", "name", "path", "value", "add", "drop", "level"]);

/**
 * The word by which a condition names the setting: the key with case and separators left out;
 * for the AppArmor and seccomp annotations, the confinement they set (Datadog's `{{- if and
 * .Values.agents.podSecurity.apparmor.enabled … }}` over
 * `container.apparmor.security.beta.kubernetes.io/agent: unconfined`).
 */
function settingWord(setting: string): string {
  const prefix = setting.slice(0, setting.indexOf("/") + 1);
  if (prefix === APPARMOR_ANNOTATION) return "apparmor";
  if (SECCOMP_ANNOTATIONS.has(prefix)) return "seccomp";
  return normalized(setting);
}

const SECCOMP_ANNOTATIONS = new Set([
  "seccomp.security.alpha.kubernetes.io/",
  "container.seccomp.security.alpha.kubernetes.io/",
]);

/** A name with case and separators left out: `useOperatorHostNetwork` holds `hostnetwork`. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Platforms whose nodes or admission a chart often meets with settings written for them alone
 * (Vault's chart: `{{- else if .Values.global.openshift }}` over `privileged: true` for its CSI
 * provider, which reaches the host's provider socket folder through SELinux only so): a line
 * written only where a condition names one is the chart's answer to that platform, which a fix
 * tested elsewhere cannot judge. Matched against the words of the condition (`isOpenshift`,
 * `.Values.gke.autopilot`, `"security.openshift.io/v1"`).
 */
const PLATFORMS: Readonly<Record<string, string>> = {
  openshift: "OpenShift",
  autopilot: "GKE Autopilot",
  gke: "GKE",
  eks: "EKS",
  aks: "AKS",
  talos: "Talos",
  k3s: "k3s",
  rke2: "RKE2",
  microk8s: "MicroK8s",
  bottlerocket: "Bottlerocket",
};

/**
 * The platform a condition tests for, as a reader names it; null when it names none, or only
 * negated (`{{- if not .Values.openshift }}`: the line is for every other platform).
 */
export function platformOf(condition: string): string | null {
  const words = condition
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  if (words.includes("not") || words.includes("ne")) return null;
  // In the table's order: the narrower platform first (`gke.autopilot` is GKE Autopilot).
  for (const [word, platform] of Object.entries(PLATFORMS))
    if (words.includes(word)) return platform;
  return null;
}

/** Why no fix is offered for a setting only an option of the chart writes (see `optionGate`). */
export function optionGateAdvice(text: string, gate: TemplateAction): string {
  const written = text.slice(gate.start, gate.end).replace(/\s+/g, " ");
  const platform = platformOf(gate.body.replace(/^else\b\s*/, ""));
  if (platform !== null)
    return `No fix is suggested: this line is written only when ${codeSpan(written)} holds, for installs on ${platform}, where the chart's authors set it; a fix tested on other clusters cannot tell whether ${platform} needs it. Say beside it in the chart why that platform needs it, and keep it as a reviewed exception for that platform, or replace it with what the platform documents.`;
  return `No fix is suggested: this line is written only when ${codeSpan(written)} holds, an option the chart leaves to whoever installs it, and removing the line would leave that option silently doing nothing. Keep the option off by default, say beside it in the chart's values what it grants, and review each install that turns it on; or remove the option from the templates and the values together.`;
}
