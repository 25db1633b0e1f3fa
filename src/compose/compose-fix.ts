import type { FixIntent } from "../container/rule.js";
import type { MapOp } from "../fix/map-ops.js";
import type { SettingEdit } from "./read-services.js";

/**
 * A fix intent as edits of the service mapping, in Compose's own fields: a key deleted, a list
 * item removed (the key with it when it was the only item), or privileged mode replaced by
 * `cap_add` (and `devices`). Null when the setting cannot be edited in place.
 */
export function composeOps(intent: FixIntent, edit: SettingEdit | null): MapOp[] | null {
  if (!edit) return null;
  if (intent.op === "remove") {
    if (edit.kind === "key" || edit.only) return [{ op: "delete", path: [edit.key] }];
    return [{ op: "removeItems", path: [edit.key], items: [edit.item] }];
  }
  if (edit.kind !== "key" || edit.key !== "privileged") return null;
  const ops: MapOp[] = [{ op: "delete", path: ["privileged"] }];
  if (intent.capabilities.length > 0)
    ops.push({ op: "addItems", path: ["cap_add"], items: intent.capabilities });
  if (intent.devices.length > 0)
    ops.push({ op: "addItems", path: ["devices"], items: intent.devices });
  return ops;
}
