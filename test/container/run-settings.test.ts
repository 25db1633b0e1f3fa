/** docker run flags as the container model's settings. */
import { describe, expect, it } from "@jest/globals";
import { type ArgWord, DYNAMIC } from "../../src/container/arg-word.js";
import { runArgs } from "../../src/container/run-args.js";
import { runSettings, runWorkload } from "../../src/container/run-settings.js";

function words(line: string): ArgWord[] {
  return [...line.matchAll(/\S+/g)].map((m) => {
    const value = m[0].replaceAll("$X", DYNAMIC);
    return { value, dynamic: value.includes(DYNAMIC), start: m.index, end: m.index + m[0].length };
  });
}

function settings(line: string) {
  return runSettings(runArgs(words(line))).map(({ at: _at, ...rest }) => rest);
}

describe("runSettings", () => {
  it("reads privileged mode as pflag parses booleans", () => {
    expect(
      settings("--privileged --privileged=false --privileged=1 --privileged=maybe img"),
    ).toEqual([
      { kind: "privileged", value: true, field: "--privileged" },
      { kind: "privileged", value: false, field: "--privileged" },
      { kind: "privileged", value: true, field: "--privileged" },
    ]);
  });

  it("splits capability lists and names every namespace flag", () => {
    expect(
      settings("--cap-add=SYS_ADMIN,cap_net_admin --cgroupns host --userns=host --uts=host img"),
    ).toEqual([
      { kind: "cap-add", capability: "SYS_ADMIN", field: "--cap-add[SYS_ADMIN]" },
      { kind: "cap-add", capability: "cap_net_admin", field: "--cap-add[NET_ADMIN]" },
      { kind: "namespace", namespace: "cgroup", value: "host", field: "--cgroupns" },
      { kind: "namespace", namespace: "userns", value: "host", field: "--userns" },
      { kind: "namespace", namespace: "uts", value: "host", field: "--uts" },
    ]);
  });

  it("reads host paths of -v and --mount type=bind; named volumes, tmpfs and anonymous volumes are not host mounts", () => {
    expect(
      settings(
        "-v /etc:/host/etc:ro,z -v data:/data -v /cache -v C:\\logs:/logs --mount type=bind,src=/proc,dst=/p,readonly --mount type=tmpfs,dst=/t --mount source=vol,target=/v img",
      ),
    ).toEqual([
      {
        kind: "host-mount",
        source: "/etc",
        target: "/host/etc",
        readOnly: true,
        field: "--volume[/host/etc]",
      },
      {
        kind: "host-mount",
        source: "C:\\logs",
        target: "/logs",
        readOnly: false,
        field: "--volume[/logs]",
      },
      { kind: "host-mount", source: "/proc", target: "/p", readOnly: true, field: "--mount[/p]" },
    ]);
  });

  it("reads Docker 28's --use-api-socket as the engine's socket mounted", () => {
    expect(settings("--use-api-socket img")).toEqual([
      {
        kind: "host-mount",
        source: "/var/run/docker.sock",
        target: "/var/run/docker.sock",
        readOnly: false,
        field: "--use-api-socket",
      },
    ]);
  });

  it("leaves out what only the running shell knows, but not a written host side", () => {
    expect(settings("--cap-add=$X --pid=$X -v $X:/src -v /var/run/docker.sock:$X img")).toEqual([
      {
        kind: "host-mount",
        source: "/var/run/docker.sock",
        target: DYNAMIC,
        readOnly: false,
        field: `--volume[${DYNAMIC}]`,
      },
    ]);
  });

  it("gives the workload: image, entrypoint and the words after the image", () => {
    const all = words("--entrypoint tcpdump --rm nicolaka/netshoot -i any");
    expect(runWorkload(runArgs(all), all)).toEqual({
      image: "nicolaka/netshoot",
      command: ["tcpdump"],
      args: ["-i", "any"],
    });
  });

  it("gives the names --env sets and where every mount lands, its host side known or not", () => {
    const all = words(
      "-e KUBECONFIG=/root/.kube/config --env DEBUG -e $X=1 -v $X:/root/.kube/config:ro --mount type=bind,src=$X,dst=/certs -v data:/data -v /cache img",
    );
    expect(runWorkload(runArgs(all), all)).toEqual({
      image: "img",
      args: [],
      environment: ["KUBECONFIG", "DEBUG"],
      mountPaths: ["/root/.kube/config", "/certs", "/data", "/cache"],
    });
  });
});
