// spectral:oas's oas3-operation-security-defined, as OpenAPI 3.1 states it. Every scheme a security
// requirement names must be defined in components.securitySchemes, and an oauth2 scheme's scopes must be
// listed in one of its flows. For other scheme types 3.1 lets the array hold "role names which are required
// for the execution, but are not otherwise defined or exchanged in-band" (Security Requirement Object), so
// they are not looked up; 3.0 requires that array to be empty, and this rule still says so for a 3.0 document.
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

export default function oasSecurityDefined31(requirement, _options, { document, path }) {
  if (!isObject(requirement) || !isObject(document.data)) return [];
  const schemes = isObject(document.data.components?.securitySchemes) ? document.data.components.securitySchemes : {};
  const is30 = String(document.data.openapi ?? '').startsWith('3.0');
  const object = path.length === 2 ? 'API' : 'Operation';
  const results = [];
  for (const [name, scopes] of Object.entries(requirement)) {
    const scheme = schemes[name];
    if (!isObject(scheme)) {
      results.push({
        message: `${object} "security" values must match a scheme defined in the "components.securitySchemes" object.`,
        path: [...path, name],
      });
      continue;
    }
    if (!Array.isArray(scopes)) continue;
    scopes.forEach((scope, i) => {
      if (scheme.type === 'oauth2') {
        const flows = isObject(scheme.flows) ? Object.values(scheme.flows) : [];
        if (!flows.some((flow) => isObject(flow) && isObject(flow.scopes) && scope in flow.scopes)) {
          results.push({ message: `"${scope}" must be listed among the scopes of "${name}".`, path: [...path, name, i] });
        }
      } else if (is30 && scheme.type !== 'openIdConnect') {
        results.push({ message: `OpenAPI 3.0 allows no scopes for a "${scheme.type}" scheme ("${scope}").`, path: [...path, name, i] });
      }
    });
  }
  return results;
}
