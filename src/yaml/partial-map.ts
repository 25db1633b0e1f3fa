import { YAMLMap } from "yaml";

/**
 * A mapping made of some of the pairs of a mapping in the text: a chart's values read as the
 * settings a template writes them as (`agent.privileged` as `privileged`). `whole` is how many
 * pairs the mapping in the text holds, so that an edit deleting every pair of this one does not
 * empty that mapping (it holds others, such as `agent.image`).
 */
export class PartialMap extends YAMLMap {
  constructor(readonly whole: number) {
    super();
  }
}
