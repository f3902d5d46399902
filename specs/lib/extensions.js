// The shape of every x-akinai-* extension, as JSON Schemas: written once, here. The lint rule checks every
// extension of the specs against them (plugins/extensions.js), and the build derives the TypeScript types
// every reader uses from them (scripts/extension-types.mjs → dist/extensions.d.ts, `Extensions`), so that
// a change here is a compile error wherever it matters. A `title` names the type of its part.

const text = { type: 'string', minLength: 1 };
const name = { type: 'string', pattern: '^[^\\s]+$' };
export const EXTENSIONS = {
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
    title: 'RateLimit',
    type: 'object',
    required: ['requestsPerSecond'],
    additionalProperties: false,
    properties: { requestsPerSecond: { type: 'number', exclusiveMinimum: 0 } },
  },
  'x-akinai-pagination': {
    title: 'Pagination',
    oneOf: [
      {
        title: 'CursorPagination',
        type: 'object',
        required: ['style', 'cursorParam', 'nextCursorHeader'],
        additionalProperties: false,
        properties: { style: { const: 'cursor' }, cursorParam: name, nextCursorHeader: name },
      },
      {
        title: 'PagePagination',
        type: 'object',
        required: ['style', 'pageParam'],
        additionalProperties: false,
        properties: {
          style: { const: 'page' },
          pageParam: name,
          in: { enum: ['query', 'body'], description: 'Where the page parameter goes: the query string (default) or the JSON body.' },
          pageSize: { type: 'integer', minimum: 1, description: 'The page size, when fixed.' },
          limitParam: { ...name, description: 'The parameter that sets the page size (its default is the size).' },
          itemsProperty: { ...name, description: 'The response property holding the items (default: the body is the array).' },
          lastPageProperty: {
            ...name,
            description: "The response property holding the last page's number; when absent from a response, nothing matched.",
          },
        },
      },
    ],
  },
  'x-akinai-status-codes': {
    title: 'StatusCodes',
    type: 'array',
    minItems: 1,
    items: {
      title: 'StatusRow',
      type: 'object',
      required: ['code', 'status'],
      additionalProperties: false,
      properties: {
        code: { type: 'integer', maximum: -1 },
        to: { type: 'integer', maximum: -1, description: 'A range of codes, from `code` down to this one.' },
        status: { ...text, description: "What the vendor's table says of the code." },
        sessionLost: { const: true, description: 'The session had ended: log in again.' },
        inferred: { const: true, description: "A code the vendor's table lacks." },
        fields: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: name,
          description: 'The form fields whose invalid value the server answers with this code (the mock reads them).',
        },
      },
    },
  },
  // At the root of a command API: the result every command answers in (HTTP 200 whatever the outcome).
  'x-akinai-command-result': {
    title: 'CommandResult',
    type: 'object',
    required: ['code', 'status', 'success'],
    additionalProperties: false,
    properties: {
      code: { ...name, description: "The property holding the command's code: `success`, or a code of its `x-akinai-status-codes`." },
      status: { ...name, description: "The property holding the code's text (a row's `status`)." },
      success: { type: 'integer', description: 'The code of success (sent as a number or as an integer in a string).' },
    },
  },
  'x-akinai-csv': {
    title: 'CsvFormat',
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
    title: 'Resources',
    type: 'object',
    minProperties: 1,
    additionalProperties: {
      title: 'ResourceDecl',
      type: 'object',
      required: ['key'],
      additionalProperties: false,
      properties: {
        key: name,
        parent: {
          title: 'ResourceParent',
          type: 'object',
          required: ['resource', 'param'],
          additionalProperties: false,
          properties: { resource: name, param: name, embedIn: name },
        },
        seed: {
          type: 'array',
          items: {
            title: 'Seed',
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
            title: 'Generated',
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
            title: 'Reference',
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
    title: 'StateDecl',
    type: 'object',
    required: ['resource', 'action'],
    additionalProperties: false,
    properties: {
      resource: name,
      action: { enum: ['list', 'read', 'create', 'update', 'delete', 'create-many', 'update-many', 'batch', 'effect'] },
      param: name,
      effect: name,
      page: {
        title: 'Paging',
        type: 'object',
        required: ['param', 'size'],
        additionalProperties: false,
        properties: {
          param: name,
          sizeParam: name,
          size: { type: 'integer', minimum: 1 },
          cursor: { type: 'object', required: ['param', 'header'], additionalProperties: false, properties: { param: name, header: name } },
          envelope: {
            title: 'Envelope',
            type: 'object',
            required: ['items', 'total'],
            additionalProperties: false,
            properties: {
              items: name,
              total: name,
              current: name,
              last: name,
              // A page with nothing on it: the whole envelope with no items (the default), or the total alone.
              whenEmpty: { enum: ['total-only'] },
            },
          },
        },
      },
      filters: {
        type: 'object',
        additionalProperties: {
          title: 'Filter',
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
  'x-akinai-request-headers': {
    title: 'RequestHeaders',
    type: 'object',
    minProperties: 1,
    additionalProperties: { type: 'string', minLength: 1 },
  },
  'x-akinai-request-binding': {
    title: 'RequestBinding',
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
