// Redocly's generate-arazzo writes a workflow per operation from each bundled spec's examples; respect runs
// them against the stateful mock, started here on 127.0.0.1. Every workflow passes, but for the tools'
// limitations listed in contract/README.md (each of which must still happen exactly as listed).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiName, isApiName, startMock } from '@akinai/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { limitations } from './limitations.js';
import { apis, run, scratch } from './tools.js';

interface Check {
  name: string;
  passed: boolean;
  message: string;
  severity: string;
}
interface Step {
  stepId: string;
  request?: { method: string; url: string };
  response?: { statusCode: number; headers?: Record<string, string>; body?: unknown };
  checks: Check[];
  status: string;
}
interface Workflow {
  workflowId: string;
  status: string;
  executedSteps: Step[];
}
interface Report {
  files: Record<string, { executedWorkflows: Workflow[]; globalTimeoutError: boolean }>;
}

const tmp = scratch('respect');
afterAll(() => tmp.remove());
const listed = limitations();

/**
 * generate-arazzo's limitation (README): for a requirement of several schemes it puts every scheme into
 * the steps' x-security but declares only the first one's input. Declares each input a workflow's
 * x-security uses in the inputs component the workflow names, and returns what it declared
 * (`Component.input`). Text, not YAML, is edited, so that the file stays exactly what the tool wrote around it.
 */
function declareMissingInputs(arazzo: string): { text: string; declared: string[] } {
  const [head = '', components = ''] = arazzo.split(/^components:\n/m);
  const declaredBy = new Map<string, Set<string>>();
  let current: string | undefined;
  for (const line of components.split('\n')) {
    const component = line.match(/^ {4}([^\s:]+):$/)?.[1];
    const property = line.match(/^ {8}([^\s:]+):$/)?.[1];
    if (component) {
      current = component;
      declaredBy.set(component, new Set());
    } else if (property && current) declaredBy.get(current)!.add(property);
  }
  const missing = new Set<string>();
  for (const workflow of head.split(/^ {2}- workflowId: /m).slice(1)) {
    const component = workflow.match(/\$ref: '#\/components\/inputs\/([^']+)'/)?.[1];
    for (const [, input] of workflow.matchAll(/\$inputs\.([A-Za-z0-9_]+)/g)) {
      if (!component || !declaredBy.has(component))
        throw new Error(`generated workflow uses $inputs.${input} but names no inputs component`);
      if (!declaredBy.get(component)!.has(input!)) missing.add(`${component}.${input}`);
    }
  }
  let text = arazzo;
  for (const entry of missing) {
    const [component, input] = entry.split('.');
    const anchor = `\n    ${component}:\n      type: object\n      properties:\n`;
    if (!text.includes(anchor)) throw new Error(`generated inputs component ${component} is not shaped as expected`);
    text = text.replace(anchor, `${anchor}        ${input}:\n          type: string\n          format: password\n`);
  }
  return { text, declared: [...missing].sort() };
}

/** A value for every input the workflows declare: the mock takes any well-formed credentials. */
function credentials(arazzo: string): string[] {
  const inputs = new Set([...(arazzo.split(/^components:\n/m)[1] ?? '').matchAll(/^ {8}([^\s:]+):$/gm)].map((m) => m[1]!));
  return [...inputs].flatMap((name) => [
    '--input',
    `${name}=${name.endsWith('_username') ? 'contract@example.jp' : name.endsWith('_password') ? 'contract-password' : `contract-${name}`}`,
  ]);
}

const describeStep = (workflow: Workflow, step: Step | undefined, checks: Check[]) => {
  const request = step?.request?.url ? `${step.request.method.toUpperCase()} ${new URL(step.request.url).pathname}` : 'no request sent';
  const response = step?.response?.statusCode
    ? ` → ${step.response.statusCode} ${step.response.headers?.['content-type'] ?? '(no content type)'} ${JSON.stringify(step.response.body ?? '').slice(0, 200)}`
    : '';
  return `${workflow.workflowId}: ${request}${response}\n${checks.map((c) => `    ✗ ${c.name}: ${c.message.replace(/\s+/g, ' ').trim() || '(no message)'}`).join('\n')}`;
};

describe('Redocly generate-arazzo + respect against the mock', () => {
  it.each(apis)('$name: every generated workflow passes against the stateful mock', async ({ name, yaml }) => {
    if (!isApiName(name)) throw new Error(`the mock does not serve ${name}`);
    const arazzoFile = join(tmp.dir, `${name}.arazzo.yaml`);
    const generated = await run('redocly', ['generate-arazzo', yaml, '--output-file', arazzoFile]);
    expect(generated.network, 'generate-arazzo reached for the network').toEqual([]);
    expect(generated.code, `generate-arazzo failed:\n${generated.stdout}\n${generated.stderr}`).toBe(0);

    const { text, declared } = declareMissingInputs(readFileSync(arazzoFile, 'utf8'));
    const workaround = listed.filter((l) => l.api === name && l.tool === 'generate-arazzo').map((l) => l.where);
    expect(
      declared.map((d) => d.split('.')[1]),
      'inputs generate-arazzo left undeclared must be exactly those listed in contract/README.md',
    ).toEqual(workaround.sort());
    writeFileSync(arazzoFile, text);
    const source = text.match(/^sourceDescriptions:\n {2}- name: (\S+)\n {4}type: openapi$/m)?.[1];
    expect(source, 'the generated file names its OpenAPI source').toBeTruthy();

    const mock = await startMock(name as ApiName);
    try {
      const reportFile = join(tmp.dir, `${name}.respect.json`);
      const respected = await run(
        'redocly',
        [
          'respect',
          arazzoFile,
          '--server',
          `${source}=${mock.url}`,
          ...credentials(text),
          '--json-output',
          reportFile,
          '--max-fetch-timeout',
          '10000',
          '--execution-timeout',
          '90000',
        ],
        { timeout: 120_000 },
      );
      expect(respected.network, 'respect reached beyond the mock').toEqual([]);
      let report: Report;
      try {
        report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
      } catch {
        throw new Error(`respect wrote no report (exit ${respected.code}):\n${respected.stdout}\n${respected.stderr}`);
      }
      const [file] = Object.values(report.files);
      expect(file?.globalTimeoutError).toBe(false);
      const workflows = file?.executedWorkflows ?? [];
      expect(workflows.length, 'respect ran no workflow').toBeGreaterThan(0);

      const sent = workflows.flatMap((w) => w.executedSteps.map((s) => s.request?.url).filter((u): u is string => !!u));
      expect(sent.filter((url) => !url.startsWith(`${mock.url}/`))).toEqual([]);

      const expected = new Map(listed.filter((l) => l.api === name && l.tool === 'respect').map((l) => [l.where, l]));
      const problems: string[] = [];
      for (const workflow of workflows) {
        const steps = workflow.executedSteps;
        const failed = steps.flatMap((step) =>
          step.checks.filter((c) => !c.passed && c.severity === 'error').map((c) => ({ step, check: c })),
        );
        const limitation = expected.get(workflow.workflowId);
        expected.delete(workflow.workflowId);
        if (limitation) {
          const asListed = failed.length > 0 && failed.every(({ check }) => check.message === limitation.message);
          if (!asListed) {
            problems.push(
              `${workflow.workflowId} is listed in contract/README.md as failing with "${limitation.message}", but ` +
                (failed.length
                  ? `failed otherwise:\n${describeStep(
                      workflow,
                      failed[0]?.step,
                      failed.map((f) => f.check),
                    )}`
                  : 'it passed: remove the row'),
            );
          }
          continue;
        }
        if (workflow.status !== 'success' || failed.length) {
          problems.push(describeStep(workflow, failed[0]?.step ?? steps[0], failed.length ? failed.map((f) => f.check) : []));
        }
      }
      for (const id of expected.keys()) problems.push(`${id} is listed in contract/README.md but respect ran no such workflow`);
      expect(problems, `respect against the ${name} mock`).toEqual([]);
      // Failures are judged from the report; exit 1 means some workflow failed, anything else a broken run.
      expect([0, 1], respected.stderr).toContain(respected.code);
    } finally {
      await mock.close();
    }
  });
});
