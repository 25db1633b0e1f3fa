import { describe, expect, it } from "@jest/globals";
import { scan } from "../../catalogue/index.js";
import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerCapabilities } from "./container-capabilities.js";

runContainerRuleTests(containerCapabilities, {
  valid: [
    { name: "NET_RAW is in Docker's default set", settings: [setting.capAdd("NET_RAW")] },
    {
      name: "Docker defaults in any spelling",
      settings: [
        setting.capAdd("CAP_CHOWN"),
        setting.capAdd("mknod"),
        setting.capAdd("AUDIT_WRITE"),
      ],
    },
  ],
  invalid: [
    {
      name: "ALL is privileged mode without the name",
      settings: [setting.capAdd("ALL")],
      verdicts: [
        {
          setting: 0,
          messageId: "all",
          severity: "critical",
          fix: "remove",
          says: ["every capability"],
        },
      ],
    },
    {
      name: "one finding per capability beyond the defaults, critical ones marked",
      settings: [
        setting.capAdd("NET_ADMIN"),
        setting.capAdd("NET_RAW"),
        setting.capAdd("cap_sys_admin"),
      ],
      verdicts: [
        { setting: 0, messageId: "added", severity: "high", fix: "remove", says: ["`NET_ADMIN`"] },
        {
          setting: 2,
          messageId: "added",
          severity: "critical",
          fix: "remove",
          says: ["`cap_sys_admin`"],
        },
      ],
    },
    {
      // awesome-compose wireguard/compose.yaml: the catalogue's WireGuard entry needs NET_ADMIN
      // (wg-quick creates and configures the interface); SYS_MODULE is not among its needs.
      name: "a capability the catalogue says the tool needs: no fix removes it",
      settings: [setting.capAdd("NET_ADMIN"), setting.capAdd("SYS_MODULE")],
      workload: { image: "linuxserver/wireguard" },
      verdicts: [
        {
          setting: 0,
          messageId: "added",
          severity: "high",
          fix: null,
          advises: [
            "WireGuard",
            "needs `NET_ADMIN` (the capability catalogue), so no fix removes it",
            "`privilege-guard: allow container-capabilities -- <reason>`",
          ],
        },
        { setting: 1, messageId: "added", severity: "critical", fix: "remove" },
      ],
    },
    {
      name: "the catalogue's spelling is compared: CAP_NET_ADMIN is NET_ADMIN",
      settings: [setting.capAdd("cap_net_admin")],
      workload: { image: "linuxserver/wireguard" },
      verdicts: [
        { setting: 0, messageId: "added", severity: "high", fix: null, advises: ["WireGuard"] },
      ],
    },
    {
      name: "a workload recognised as needing privilege keeps what it adds: the isolated exception",
      settings: [setting.capAdd("SYS_ADMIN")],
      workload: { image: "docker:27-dind" },
      verdicts: [
        {
          setting: 0,
          messageId: "added",
          severity: "critical",
          fix: null,
          advises: ["Docker-in-Docker daemon (image `docker`)", "a dedicated host or CI runner"],
        },
      ],
    },
    {
      name: "ALL is never kept for a tool: the catalogue names capabilities, not all of them",
      settings: [setting.capAdd("ALL")],
      workload: { image: "linuxserver/wireguard" },
      verdicts: [{ setting: 0, messageId: "all", severity: "critical", fix: "remove" }],
    },
  ],
});

runRuleTests(containerCapabilities, {
  valid: [
    {
      name: "compose: NET_RAW is a Docker default",
      path: "compose.yaml",
      code: svc("    cap_add: [NET_RAW, CHOWN]\n"),
    },
    { name: "compose: dropping is fine", path: "compose.yaml", code: svc("    cap_drop: [ALL]\n") },
  ],
  invalid: [
    {
      name: "compose: one of two removed, the default kept",
      path: "compose.yaml",
      code: svc("    cap_add:\n      - NET_RAW\n      - SYS_ADMIN\n"),
      errors: [{ line: 6, fixed: svc("    cap_add:\n      - NET_RAW\n") }],
    },
    {
      // awesome-compose wireguard/compose.yaml (CC0-1.0): NET_ADMIN kept with the catalogue's reason.
      name: "compose: WireGuard keeps NET_ADMIN, SYS_MODULE is removed",
      path: "compose.yaml",
      code: svc("    cap_add:\n      - NET_ADMIN\n      - SYS_MODULE\n", "linuxserver/wireguard"),
      errors: [
        { line: 5, fixed: null },
        { line: 6, fixed: svc("    cap_add:\n      - NET_ADMIN\n", "linuxserver/wireguard") },
      ],
    },
    {
      name: "compose: ALL, the only item: the key goes",
      path: "compose.yaml",
      code: svc("    cap_add: [ALL]\n    restart: always\n"),
      errors: [{ line: 4, fixed: svc("    restart: always\n") }],
    },
  ],
});

describe("a capability a tool uses for one step only", () => {
  // wg-easy's own docker-compose.yml: SYS_MODULE only loads the wireguard module.
  const compose = svc(
    "    volumes:\n      - /lib/modules:/lib/modules:ro\n    cap_add:\n      - NET_ADMIN\n      - SYS_MODULE\n",
    "ghcr.io/wg-easy/wg-easy:15",
  );
  // The same container in a pod: the Kubernetes rules say the same.
  const pod = [
    "apiVersion: v1",
    "kind: Pod",
    "metadata: {name: vpn}",
    "spec:",
    "  containers:",
    "    - name: wg",
    "      image: ghcr.io/wg-easy/wg-easy:15",
    "      securityContext:",
    "        capabilities:",
    "          add: [NET_ADMIN, SYS_MODULE]",
    "",
  ].join("\n");

  it.each([
    ["compose.yaml", "baseline", "container-capabilities", compose],
    ["pod.yaml", "baseline", "capabilities-baseline", pod],
    ["pod.yaml", "restricted", "capabilities-restricted", pod],
  ] as const)(
    "%s at %s (%s): removed, and the fix says what to do first",
    (path, level, rule, code) => {
      const [result] = scan([{ path, text: code }], { level });
      const found = result?.findings.filter((f) => f.ruleId === rule && /SYS_MODULE/.test(f.field));
      expect(found).toHaveLength(1);
      expect(found?.[0]?.fix?.description).toContain(
        "WireGuard (kernel module, wg / wg-quick) uses it only to load the `wireguard` kernel module",
      );
      expect(found?.[0]?.fix?.description).toContain("`modprobe wireguard`");
      // NET_ADMIN stays, with the catalogue's reason.
      const admin = result?.findings.find((f) => f.ruleId === rule && /NET_ADMIN/.test(f.field));
      expect(admin?.fix).toBeUndefined();
    },
  );
});
