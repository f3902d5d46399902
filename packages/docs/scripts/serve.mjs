// Serves the built site: node scripts/serve.mjs [--port N]
import { parseArgs } from 'node:util';
import { serveSite } from '../src/server.mjs';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } } });
const site = await serveSite({ port: Number(values.port), host: values.host });
console.log(`docs: ${site.url}`);
