import { containersOf, isObject, listAt, objectAt } from "./pod-data.js";
import type { Constraint, Violation } from "./types.js";

export const bidirectionalNeedsPrivileged: Constraint = {
  id: "bidirectional-propagation-needs-privileged",
  enforcedBy: "api-server",
  source: {
    file: "pkg/apis/core/validation/validation.go",
    function: "validateMountPropagation",
    line: "if *mountPropagation == core.MountPropagationBidirectional && !privileged {",
  },
  check: (pod) =>
    containersOf(pod).flatMap(({ container, path }) => {
      const privileged = objectAt(container, "securityContext")?.privileged === true;
      if (privileged) return [];
      return listAt(container, "volumeMounts").flatMap((mount, i): Violation[] =>
        isObject(mount) && mount.mountPropagation === "Bidirectional"
          ? [
              {
                constraint: "bidirectional-propagation-needs-privileged",
                field: `${path}.volumeMounts[${i}].mountPropagation`,
                message:
                  "Bidirectional mount propagation is available only to privileged containers",
              },
            ]
          : [],
      );
    }),
};
