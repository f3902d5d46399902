// Every x-akinai-* extension, wherever it stands, has the shape its readers (the SDK generator, the
// mock, the docs, the tests) expect; an unknown one is a typo. The shapes are JSON Schemas, checked
// with Ajv; a problem names the file, the place and what is wrong.
import { Ajv } from 'ajv';

const text = { type: 'string', minLength: 1 };
const name = { type: 'string', pattern: '^[^\\s]+$' };
const SHAPES = {
  'x-akinai-inferred': text,
  // Where the vendor states what a schema's `pattern` or `required` checks (a table, a column, a note).
  'x-akinai-source': text,
  'x-akinai-vendor': text,
  'x-akinai-user': name,
  'x-akinai-idempotent': { type: 'boolean' },
  'x-akinai-coerce': { const: 'number' },
  'x-akinai-personal': { const: true },
  'x-akinai-alias-of': name,
  'x-akinai-aliases': { type: 'array', minItems: 1, uniqueItems: true, items: name },
  'x-akinai-rate-limit': {
    type: 'object',
    required: ['requestsPerSecond'],
    additionalProperties: false,
    properties: { requestsPerSecond: { type: 'number', exclusiveMinimum: 0 } },
  },
  'x-akinai-pagination': {
    oneOf: [
      {
        type: 'object',
        required: ['style', 'cursorParam', 'nextCursorHeader'],
        additionalProperties: false,
        properties: { style: { const: 'cursor' }, cursorParam: name, nextCursorHeader: name },
      },
      {
        type: 'object',
        required: ['style', 'pageParam'],
        additionalProperties: false,
        properties: {
          style: { const: 'page' },
          pageParam: name,
          in: { enum: ['query', 'body'] },
          pageSize: { type: 'integer', minimum: 1 },
          limitParam: name,
          itemsProperty: name,
          lastPageProperty: name,
        },
      },
    ],
  },
  'x-akinai-status-codes': {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'status'],
      additionalProperties: false,
      properties: {
        code: { type: 'integer', maximum: -1 },
        to: { type: 'integer', maximum: -1 },
        status: text,
        sessionLost: { const: true },
        inferred: { const: true },
        // The form fields an invalid value of which the server answers with this code (not the table's
        // "パラメータが不足しています").
        fields: { type: 'array', minItems: 1, uniqueItems: true, items: name },
      },
    },
  },
  'x-akinai-csv': {
    type: 'object',
    required: ['rows', 'columns'],
    additionalProperties: false,
    properties: {
      rows: { type: 'string', minLength: 1 },
      columns: { type: 'array', minItems: 1, items: text },
      header: { type: 'boolean' },
    },
  },
  // The mock's state: the resources an API holds (at the root), and what each operation does to them.
  'x-akinai-resources': {
    type: 'object',
    minProperties: 1,
    additionalProperties: {
      type: 'object',
      required: ['key'],
      additionalProperties: false,
      properties: {
        key: name,
        parent: {
          type: 'object',
          required: ['resource', 'param'],
          additionalProperties: false,
          properties: { resource: name, param: name, embedIn: name },
        },
        seed: {
          type: 'array',
          items: {
            oneOf: [
              { type: 'string', pattern: '^#/components/examples/' },
              {
                type: 'object',
                required: ['example'],
                additionalProperties: false,
                properties: {
                  parent: {},
                  example: { type: 'string', pattern: '^#/components/examples/' },
                  // A JSON pointer into the example's value: the records are there (`/rank`).
                  at: { type: 'string', pattern: '^/' },
                },
              },
            ],
          },
        },
        generated: {
          type: 'object',
          additionalProperties: {
            oneOf: [
              { const: 'sequence' },
              {
                type: 'object',
                required: ['time', 'on'],
                additionalProperties: false,
                properties: { time: { enum: ['unix', 'timestamp'] }, on: { enum: ['create', 'write'] } },
              },
              { type: 'object', required: ['template'], additionalProperties: false, properties: { template: text } },
              { type: 'object', required: ['value'], additionalProperties: false, properties: { value: {} } },
            ],
          },
        },
        unique: { type: 'array', minItems: 1, uniqueItems: true, items: name },
        references: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['from', 'resource'],
            additionalProperties: false,
            properties: { from: name, resource: name },
          },
        },
      },
    },
  },
  'x-akinai-state': {
    type: 'object',
    required: ['resource', 'action'],
    additionalProperties: false,
    properties: {
      resource: name,
      action: { enum: ['list', 'read', 'create', 'update', 'delete', 'create-many', 'update-many', 'batch', 'effect'] },
      param: name,
      effect: name,
      page: {
        type: 'object',
        required: ['param', 'size'],
        additionalProperties: false,
        properties: {
          param: name,
          sizeParam: name,
          size: { type: 'integer', minimum: 1 },
          cursor: { type: 'object', required: ['param', 'header'], additionalProperties: false, properties: { param: name, header: name } },
          envelope: {
            type: 'object',
            required: ['items', 'total'],
            additionalProperties: false,
            properties: { items: name, total: name, current: name, last: name },
          },
        },
      },
      filters: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['match'],
          additionalProperties: false,
          properties: {
            field: name,
            fields: { type: 'array', minItems: 1, items: name },
            match: { enum: ['any-of', 'equals', 'contains', 'from', 'to'] },
            format: { enum: ['jst-datetime', 'date-midnight'] },
          },
        },
      },
      rows: name,
      deleteFlag: name,
      count: name,
    },
  },
  // At the root: headers the vendor's pages show on every request (Pittaly's `content-type`, on DELETE too).
  'x-akinai-request-headers': { type: 'object', minProperties: 1, additionalProperties: { type: 'string', minLength: 1 } },
  'x-akinai-request-binding': {
    type: 'object',
    required: ['methods', 'parameterNames'],
    additionalProperties: false,
    properties: {
      methods: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['GET', 'POST'] } },
      parameterNames: { enum: ['exact', 'case-insensitive'] },
      charset: text,
      'x-akinai-inferred': text,
      // Where the vendor states what a schema's `pattern` or `required` checks (a table, a column, a note).
      'x-akinai-source': text,
    },
  },
};

const ajv = new Ajv({ allErrors: true });
const validators = Object.fromEntries(Object.entries(SHAPES).map(([key, shape]) => [key, ajv.compile(shape)]));

export function extensions() {
  return {
    any: {
      enter(node, ctx) {
        if (!node || typeof node !== 'object' || Array.isArray(node)) return;
        // The keys of a map of headers are header names (D.T.P's mock sends `x-akinai-warning`), not extensions.
        if (ctx.type?.name === 'HeadersMap') return;
        for (const key of Object.keys(node).filter((key) => key.startsWith('x-akinai-'))) {
          const validate = validators[key];
          if (!validate) {
            ctx.report({
              message: `Unknown extension ${key} (known: ${Object.keys(SHAPES).join(', ')}).`,
              location: ctx.location.child([key]).key(),
            });
          } else if (!validate(node[key])) {
            const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(the value)'} ${error.message}`).join('; ');
            ctx.report({ message: `${key} is not of its shape: ${problems}.`, location: ctx.location.child([key]) });
          }
        }
      },
    },
  };
}
