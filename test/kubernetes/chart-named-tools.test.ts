/**
 * `privileged: true` on containers that run named tools, written in a Helm chart template whose
 * image and other fields are template actions: the fix grants the capabilities the catalogue
 * infers from the command (tcpdump, ip-masq-agent, buildah) and keeps every template action; a
 * node-level `sysctl -w` keeps privileged mode as a justified exception.
 */
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import { lexTemplate } from "../../src/yaml/go-template-lexer.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { expectAcceptedLocalFix } from "../support/accepted-fix.js";

/** A DaemonSet template with one container running `command`, privileged (line 21). */
const template = (name: string, command: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "tools.fullname" . }}-${name}
  labels:
    {{- include "tools.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "tools.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "tools.selectorLabels" . | nindent 8 }}
    spec:
      containers:
        - name: ${name}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          command: ${command}
          securityContext:
            privileged: true
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;

const CHARTS = ["charts/tools"];

function privilegedFinding(name: string, command: string, level: "baseline" | "restricted") {
  const path = `charts/tools/templates/${name}.yaml`;
  const text = template(name, command);
  const [result] = scan([{ path, text }], { charts: CHARTS, level });
  expect(result?.problems).toEqual([]);
  const finding = result?.findings.find((f) => f.ruleId === "privileged");
  expect(finding?.line).toBe(21);
  return { text, finding };
}

const actionsOf = (text: string) =>
  lexTemplate(text).actions.map((a) => text.slice(a.start, a.end));

describe.each(["baseline", "restricted"] as const)(
  "named tools in a chart template at %s",
  (level) => {
    it.each([
      [
        "tcpdump",
        '["tcpdump", "-i", "any", "-w", "/captures/node.pcap"]',
        ["NET_RAW", "NET_ADMIN"],
      ],
      ["ip-masq-agent", '["/ip-masq-agent", "--masq-chain=IP-MASQ"]', ["NET_ADMIN", "NET_RAW"]],
      [
        "buildah",
        '["buildah", "bud", "--isolation", "chroot", "-t", "app", "."]',
        ["SETUID", "SETGID"],
      ],
    ] as const)(
      "%s: privileged becomes its capabilities, every template action kept",
      (name, command, caps) => {
        const { text, finding } = privilegedFinding(name, command, level);
        const fix = finding?.fix;
        expect(fix).toBeDefined();
        if (!fix) return;
        const fixed = applyLineFix(text, new LineIndex(text), fix);
        expect(actionsOf(fixed)).toEqual(actionsOf(text));
        expect(fixed).not.toContain("privileged: true");
        const added = fixed.match(/add:\n((?:\s+- \w+\n)+)/)?.[1]?.match(/\w+/g);
        expect(added).toEqual([...caps]);
        if (level === "restricted") {
          expect(fixed).toContain("allowPrivilegeEscalation: false");
          expect(fixed).toMatch(/drop:\n\s+- ALL/);
        }
        expectAcceptedLocalFix(text, fixed);
        const [again] = scan([{ path: `charts/tools/templates/${name}.yaml`, text: fixed }], {
          charts: CHARTS,
          level,
        });
        expect(again?.problems).toEqual([]);
        expect(again?.findings.map((f) => f.ruleId)).not.toContain("privileged");
      },
    );

    it("buildah: the fix says which device privileged mode exposed", () => {
      const { finding } = privilegedFinding("buildah", '["buildah", "bud", "."]', level);
      expect(finding?.fix?.description).toContain("/dev/fuse");
    });

    it("sysctl -w on the node: privileged mode kept as a justified exception, with the safer way", () => {
      const { finding } = privilegedFinding(
        "tune",
        '["sh", "-c", "sysctl -w vm.max_map_count=262144 && sleep infinity"]',
        level,
      );
      expect(finding?.fix).toBeUndefined();
      expect(finding?.remediation).toContain("Node-level sysctl writer");
      expect(finding?.remediation).toContain("securityContext.sysctls");
    });
  },
);
