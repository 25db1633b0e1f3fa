/**
 * Compose services that genuinely need what they ask for, as their projects document them: the
 * scan explains each setting the workload needs instead of offering a fix that would stop it,
 * and still fixes or reports what it does not need.
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";

const findings = (text: string) =>
  (scan([{ path: "compose.yaml", text }])[0]?.findings ?? []).map((f) => ({
    line: f.line,
    rule: f.ruleId,
    fixed: f.fix !== undefined,
    remediation: f.remediation,
  }));

describe("Netdata's documented Compose service", () => {
  // learn.netdata.cloud/docs/netdata-agent/installation/docker, the Compose example.
  const text = [
    "services:",
    "  netdata:",
    "    image: netdata/netdata:stable",
    "    pid: host",
    "    network_mode: host",
    "    cap_add:",
    "      - SYS_PTRACE",
    "      - SYS_ADMIN",
    "    security_opt:",
    "      - apparmor:unconfined",
    "    volumes:",
    "      - /etc/os-release:/host/etc/os-release:ro",
    "      - /proc:/host/proc:ro",
    "      - /sys:/host/sys:ro",
    "      - /var/run/docker.sock:/var/run/docker.sock:ro",
    "",
  ].join("\n");

  it("keeps its host namespaces, capabilities, AppArmor profile and host paths, each explained instead of removed", () => {
    const found = findings(text);
    const byLine = new Map(found.map((f) => [`${f.line} ${f.rule}`, f]));
    for (const key of [
      "4 container-host-namespaces",
      "5 container-host-namespaces",
      "7 container-capabilities",
      "8 container-capabilities",
      "10 container-apparmor",
      "13 container-host-mounts",
      "14 container-host-mounts",
    ]) {
      const f = byLine.get(key);
      expect(f).toBeDefined();
      expect(f?.fixed).toBe(false);
      expect(f?.remediation).toMatch(/^(This looks like a )?Netdata monitoring agent/);
    }
    expect(byLine.get("10 container-apparmor")?.remediation).toContain(
      "an unconfined AppArmor profile",
    );
    expect(byLine.get("5 container-host-namespaces")?.remediation).toContain(
      "the host's network namespace",
    );
  });

  it("still reports the Docker socket it mounts to name containers, which it does not need to run", () => {
    const socket = findings(text).find((f) => f.line === 15);
    expect(socket).toMatchObject({ rule: "container-host-mounts", fixed: false });
    expect(socket?.remediation).toMatch(/^Remove the mount/);
  });
});

describe("Gluetun, the VPN client other services route through", () => {
  it("keeps NET_ADMIN, which its tunnel and firewall need", () => {
    const text = [
      "services:",
      "  gluetun:",
      "    image: qmcgaw/gluetun:v3.39",
      "    cap_add: [NET_ADMIN]",
      "    devices: [/dev/net/tun:/dev/net/tun]",
      "",
    ].join("\n");
    const found = findings(text).filter((f) => f.rule === "container-capabilities");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ fixed: false });
    expect(found[0]?.remediation).toContain("needs `NET_ADMIN`");
  });
});

describe("services known by what they are given rather than by their image", () => {
  it("k3s in an image of the project's own build, by the variables k3s reads", () => {
    // rancher/system-upgrade-controller's e2e/cluster/local/docker-compose.yaml.
    const text = [
      "services:",
      "  server:",
      '    image: "e2e/cluster/local/k3s"',
      "    command: server --disable=traefik",
      "    environment:",
      "      - K3S_TOKEN=e2e",
      "    privileged: true",
      "  agent:",
      '    image: "e2e/cluster/local/k3s"',
      "    environment:",
      "      K3S_URL: https://k3s-server-1:6443",
      "    privileged: true",
      "",
    ].join("\n");
    const found = findings(text).filter((f) => f.rule === "container-privileged");
    expect(found.map((f) => [f.line, f.fixed])).toEqual([
      [7, false],
      [12, false],
    ]);
    for (const f of found) expect(f.remediation).toContain("Kubernetes node in a container");
  });

  it("a local cluster's client, by where its named volume lands: the host's kubeconfig", () => {
    const text = [
      "services:",
      "  ct:",
      "    image: quay.io/helmpack/chart-testing:v3.11.0",
      "    network_mode: host",
      "    volumes:",
      "      - kubeconfig:/root/.kube",
      "volumes:",
      "  kubeconfig: {}",
      "",
    ].join("\n");
    const [f] = findings(text);
    expect([f?.line, f?.rule, f?.fixed]).toEqual([4, "container-host-namespaces", false]);
  });
});
