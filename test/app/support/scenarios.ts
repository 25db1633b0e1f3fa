import { manifest, sha } from "./fixtures.js";

/**
 * The pull request most App tests scan: number 2 adds `k8s/capture.yaml`, a tcpdump Pod in
 * privileged mode (one finding, with a fix that grants NET_RAW and NET_ADMIN).
 */
export function capturePodPullRequest() {
  return {
    number: 2,
    headSha: sha("head"),
    baseSha: sha("base"),
    mergeBaseSha: sha("merge-base"),
    changes: [{ path: "k8s/capture.yaml", head: manifest("tcpdump-pod.yaml") }],
  };
}
