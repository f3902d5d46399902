// A client's name and credential options come from the API's name and its spec's security schemes, once
// (@akinai/specs); a scheme no client can send fails, naming the scheme and the spec file.
import { clientNames, credentialsOf, loadBundle, registry } from '@akinai/specs';
import { describe, expect, it } from 'vitest';

const withSchemes = (schemes: Record<string, object>, paths: object = {}) => ({ paths, components: { securitySchemes: schemes } });

it('names the client from the API’s name', () => {
  expect(clientNames('pittaly-order')).toEqual({
    factory: 'createPittalyOrderClient',
    type: 'PittalyOrderClient',
    variable: 'pittalyOrder',
  });
});

describe('the credentials of every API of the registry', () => {
  it.each(registry().map((api) => [api.name, api] as const))('%s has options a client takes', (_, api) => {
    expect(credentialsOf(loadBundle(api), api.root).options.length).toBeGreaterThan(0);
  });
});

it('an API key in a header is `apiKey`; HTTP Basic the spec’s user option and `password`', () => {
  expect(credentialsOf(withSchemes({ Key: { type: 'apiKey', in: 'header', name: 'X-Key' } }), 'k.yaml')).toEqual({
    headers: ['X-Key'],
    cookies: [],
    apiKey: 'X-Key',
    options: ['apiKey'],
  });
  expect(credentialsOf(withSchemes({ B: { type: 'http', scheme: 'Basic', 'x-akinai-user': 'email' } }), 'b.yaml')).toMatchObject({
    headers: ['Authorization'],
    basicUser: 'email',
    options: ['email', 'password'],
  });
});

it('cookies are a session its login operation opens: the options are its form’s required fields', () => {
  const login = {
    post: {
      operationId: 'login',
      security: [],
      requestBody: {
        content: { 'application/x-www-form-urlencoded': { schema: { required: ['login_id', 'password'], properties: {} } } },
      },
    },
  };
  const document = withSchemes({ S: { type: 'apiKey', in: 'cookie', name: 'SID' } }, { '/Login': login });
  expect(credentialsOf(document, 'c.yaml')).toEqual({
    headers: [],
    cookies: ['SID'],
    login: { operationId: 'login', path: '/Login', fields: { loginId: 'login_id', password: 'password' } },
    options: ['loginId', 'password'],
  });
  expect(() => credentialsOf(withSchemes({ S: { type: 'apiKey', in: 'cookie', name: 'SID' } }), 'c.yaml')).toThrow(
    /c\.yaml: its credentials are cookies, and no operation opens the session/,
  );
});

it.each([
  ['Bearer', { type: 'http', scheme: 'bearer' }, /Bearer \(http bearer\)/],
  ['OAuth', { type: 'oauth2', flows: {} }, /OAuth \(oauth2\)/],
  ['Oidc', { type: 'openIdConnect', openIdConnectUrl: 'https://id.example/' }, /Oidc \(openIdConnect\)/],
  ['QueryKey', { type: 'apiKey', in: 'query', name: 'key' }, /QueryKey \(apiKey query\)/],
])('a scheme no client can send (%s) fails, naming it and the file', (name, scheme, kind) => {
  const call = () => credentialsOf(withSchemes({ [name]: scheme }), 'specs/new/openapi.yaml');
  expect(call).toThrow(/^specs\/new\/openapi\.yaml: security scheme /);
  expect(call).toThrow(kind);
  expect(call).toThrow(/is not supported/);
});
