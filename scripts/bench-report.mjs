// Gathers the figures every benchmark wrote into bench/latest.json, with the machine they came from.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const figures = Object.fromEntries(
  readdirSync('bench')
    .filter((file) => file.endsWith('.json') && file !== 'latest.json')
    .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(`bench/${file}`, 'utf8'))]),
);
const machine = {
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  date: new Date().toISOString(),
};
writeFileSync('bench/latest.json', `${JSON.stringify({ machine, ...figures }, null, 2)}\n`);
console.log(`\nbench/latest.json: ${Object.keys(figures).join(', ')} (${machine.cores} cores, ${machine.cpu}, Node ${machine.node})`);
