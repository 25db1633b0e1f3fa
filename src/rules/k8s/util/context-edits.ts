import type { MapEditor, MapOp } from "../../../fix/map-editor.js";
import type { TextEdit } from "../../../fix/text-edit.js";
import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";

/**
 * Edits a container's security context, creating `securityContext` on the container when it has
 * none. Null when there is nowhere safe to write (a security context found on its own is edited in
 * place; a container reached through an alias is not edited at all).
 */
export function editContainerContext(
  editor: MapEditor,
  container: ContainerView,
  ops: readonly MapOp[],
): TextEdit[] | null {
  if (container.securityContext) return editor.edit(container.securityContext, ops);
  if (container.ref) return editor.editChild(container.ref, "securityContext", ops);
  return null;
}

/**
 * Edits the pod-level security context, creating `securityContext` on the pod spec when it has
 * none. Only a full pod spec gets a new one: in a fragment the pod-level key is the chart's own.
 */
export function editPodContext(
  editor: MapEditor,
  pod: PodView,
  ops: readonly MapOp[],
): TextEdit[] | null {
  if (pod.securityContext) return editor.edit(pod.securityContext, ops);
  if (pod.complete && pod.spec) return editor.editChild(pod.spec, "securityContext", ops);
  return null;
}
