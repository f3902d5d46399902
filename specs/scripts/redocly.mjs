// node scripts/redocly.mjs <args…>: the Redocly CLI as every package runs it (see lib/redocly.js).
import { redocly } from '../lib/redocly.js';

process.exit(redocly(process.argv.slice(2)));
