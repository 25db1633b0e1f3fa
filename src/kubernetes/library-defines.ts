/**
 * Named templates of library charts that charts call without holding them: a chart of Bitnami
 * declares `common` (oci://registry-1.docker.io/bitnamicharts) as a dependency that Helm fetches
 * at build time, so a pull request to such a chart holds the calls and not the definitions. Each
 * entry says which field of the template's argument the named template renders as YAML, with the
 * definition that shows it. Used only for a name that no template at hand defines.
 */

export interface LibraryDefine {
  /** The field chain on the argument (`.secContext`) whose value is the output. */
  readonly renders: readonly string[];
  /** Where the definition is, and what it does with that field. */
  readonly evidence: string;
}

export const LIBRARY_DEFINES: ReadonlyMap<string, LibraryDefine> = new Map([
  [
    "common.compatibility.renderSecurityContext",
    {
      renders: ["secContext"],
      evidence:
        'https://github.com/bitnami/charts/blob/main/bitnami/common/templates/_compatibility.tpl: `$adaptedContext := .secContext`, some keys omitted on OpenShift or when privileged, then `omit $adaptedContext "enabled" | toYaml`',
    },
  ],
  [
    "common.tplvalues.render",
    {
      renders: ["value"],
      evidence:
        "https://github.com/bitnami/charts/blob/main/bitnami/common/templates/_tplvalues.tpl: `.value` (as YAML unless it is a string) rendered through `tpl` with `.context`",
    },
  ],
]);
