/**
 * Docker-in-Docker services (`docker:dind`, `docker:27-dind`, `docker:dind-rootless`): the Docker
 * image's `dind` variants run a Docker daemon, which works only in a privileged container, so a
 * CI configuration that uses one needs a runner that runs every job's services privileged
 * (https://docs.gitlab.com/ci/docker/using_docker_build/#use-docker-in-docker,
 * https://hub.docker.com/_/docker: "--privileged" is required, for the rootless variant too).
 */

/** The image's repository name is `docker` and its tag a `dind` variant. */
export function isDockerInDocker(image: string): boolean {
  const ref = image.split("@")[0] ?? "";
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  if (colon <= slash) return false;
  const name = ref.slice(slash + 1, colon);
  const tag = ref.slice(colon + 1);
  return name === "docker" && /(?:^|-)dind(?:-rootless)?$/.test(tag);
}

/** What to do instead: build images without a privileged daemon. */
export const DIND_REMEDIATION =
  "Build images without a privileged daemon: rootless BuildKit (`moby/buildkit:rootless` with " +
  "`buildctl-daemonless.sh` and `BUILDKITD_FLAGS=--oci-worker-no-process-sandbox`, " +
  "https://docs.gitlab.com/ci/docker/using_buildkit/), kaniko " +
  "(`gcr.io/kaniko-project/executor:debug`, https://docs.gitlab.com/ci/docker/using_kaniko/) or " +
  "buildah (`quay.io/buildah/stable` with `--isolation chroot`); if a daemon is truly needed, " +
  "run it on a dedicated runner as a reviewed exception.";
