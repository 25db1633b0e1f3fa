import { isScalar } from "yaml";
import type { ContainerView } from "../../../kubernetes/pod-view.js";
import type { YamlDoc } from "../../../yaml/yaml-doc.js";
import { imageBaseName } from "./capability-hints.js";

/** The image base name and every string of `command` and `args`, to guess what a container runs. */
export function containerWords(doc: YamlDoc, container: ContainerView): string[] {
  const words: string[] = [];
  const image = doc.getScalar(container.ref, "image");
  if (typeof image === "string") words.push(imageBaseName(image));
  if (typeof container.name === "string") words.push(container.name);
  for (const key of ["command", "args"]) {
    const value = doc.get(container.ref, key)?.value;
    if (!value) continue;
    if (isScalar(value.node) && typeof value.node.value === "string") words.push(value.node.value);
    const seq = doc.getSeq(container.ref, key);
    if (seq)
      for (const item of doc.items(seq))
        if (isScalar(item.node)) words.push(String(item.node.value));
  }
  return words;
}
