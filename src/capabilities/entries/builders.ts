import type { CatalogueEntry } from "../types.js";

/** Container image builders that run inside a container. */
export const BUILDER_ENTRIES: readonly CatalogueEntry[] = [
  {
    id: "buildah",
    title: "buildah (chroot isolation)",
    match: { programs: ["buildah"], images: ["buildah/*", "*/buildah", "buildah"] },
    capabilities: ["SETUID", "SETGID"],
    devices: ["/dev/fuse"],
    note: "Build with `--isolation chroot` (BUILDAH_ISOLATION=chroot) and fuse-overlayfs or vfs storage; SETUID and SETGID let newuidmap set up the build's user namespace.",
    evidence: [
      {
        url: "https://developers.redhat.com/blog/2019/08/14/best-practices-for-running-buildah-in-a-container",
        says: "run buildah in a container with --device /dev/fuse and chroot isolation, without --privileged",
      },
      {
        url: "https://github.com/containers/buildah/blob/main/docs/tutorials/05-openshift-rootless-build.md",
        says: "rootless builds need SETUID and SETGID for newuidmap/newgidmap",
      },
    ],
  },
  {
    id: "podman",
    title: "podman (rootless, in a container)",
    match: { programs: ["podman"], images: ["podman/*", "*/podman", "podman"] },
    capabilities: ["SETUID", "SETGID"],
    devices: ["/dev/fuse"],
    note: "Run as a non-root user with fuse-overlayfs storage; SETUID and SETGID let newuidmap set up the user namespace.",
    evidence: [
      {
        url: "https://www.redhat.com/sysadmin/podman-inside-container",
        says: "rootless podman in a container: --device /dev/fuse, no --privileged",
      },
      {
        url: "https://github.com/containers/buildah/blob/main/docs/tutorials/05-openshift-rootless-build.md",
        says: "SETUID and SETGID for newuidmap/newgidmap",
      },
    ],
  },
  {
    id: "kaniko",
    title: "kaniko",
    match: {
      images: ["kaniko-project/executor*", "*/kaniko*", "kaniko"],
      programs: ["executor", "/kaniko/executor"],
    },
    capabilities: [],
    note: "kaniko builds in user space without a daemon: it needs no added capability or device, only the runtime's default capabilities as root.",
    evidence: [
      {
        url: "https://github.com/GoogleContainerTools/kaniko",
        says: "builds images from a Dockerfile inside a container or Kubernetes cluster without privileged mode",
      },
    ],
  },
  {
    id: "buildkit-rootless",
    title: "BuildKit rootless",
    match: {
      images: ["moby/buildkit:*rootless*"],
      programs: ["buildkitd-rootless*", "rootlesskit"],
    },
    capabilities: [],
    note: "Rootless BuildKit needs no capability; it needs seccomp and AppArmor Unconfined, and the /proc masks unconfined or `--oci-worker-no-process-sandbox`.",
    evidence: [
      {
        url: "https://github.com/moby/buildkit/blob/master/docs/rootless.md",
        says: "rootless mode in Kubernetes: no privileged; seccomp/apparmor unconfined or --oci-worker-no-process-sandbox",
      },
    ],
  },
];
