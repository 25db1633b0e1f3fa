/** Fills `{{name}}` placeholders; throws on one left unfilled (a rule bug the rule tests catch). */
export function renderMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message placeholder {{${name}}} has no data`);
    return value;
  });
}
