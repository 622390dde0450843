#!/usr/bin/env node
// Runs @cloud-copilot/iam-simulate (the pinned version in package-lock.json) over the corpus
// written by gen_corpus.py and writes one line per case:
//   {"id", "decision": "Allowed"|"ExplicitlyDenied"|"ImplicitlyDenied"|"Unknown"|"Error",
//    "error"?, "ignoredContextKeys"?, "variantDecisions"?}
// For a case with "variants" (context keys our engine is told it cannot know) every variant is
// simulated; the decision is the common one, or "Unknown" when the variants disagree.
// Usage: node run_oracle.js CORPUS.jsonl OUT.jsonl
'use strict';
const fs = require('fs');
const readline = require('readline');
const { runSimulation } = require('@cloud-copilot/iam-simulate');

function simulationFor(c, context) {
  const org = (levels) => (levels || []).map((l) => ({ orgIdentifier: l.org, policies: l.policies }));
  const sim = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: context,
    },
    identityPolicies: c.identityPolicies || [],
    serviceControlPolicies: org(c.scps),
    resourceControlPolicies: org(c.rcps),
  };
  if (c.resourcePolicy) sim.resourcePolicy = c.resourcePolicy;
  if (c.permissionBoundary) sim.permissionBoundaryPolicies = [{ name: 'boundary', policy: c.permissionBoundary }];
  if (c.endpointPolicy) sim.vpcEndpointPolicies = [{ name: 'endpoint', policy: c.endpointPolicy }];
  return sim;
}

async function simulate(c, context) {
  const res = await runSimulation(simulationFor(c, context), { simulationMode: 'Strict' });
  if (res.resultType === 'error') return { decision: 'Error', error: res.errors };
  const out = { decision: res.overallResult };
  const ignored = res.resultType === 'single' ? res.result.ignoredContextKeys
    : [...new Set(res.results.flatMap((r) => r.ignoredContextKeys || []))];
  if (ignored && ignored.length) out.ignoredContextKeys = ignored;
  return out;
}

async function main() {
  const [corpus, outPath] = process.argv.slice(2);
  if (!corpus || !outPath) {
    console.error('usage: node run_oracle.js CORPUS.jsonl OUT.jsonl');
    process.exit(2);
  }
  const lines = readline.createInterface({ input: fs.createReadStream(corpus) });
  const out = [];
  const counts = {};
  for await (const line of lines) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    let row;
    if (c.variants) {
      const decisions = [];
      const errors = [];
      for (const v of c.variants) {
        const ctx = { ...c.context };
        for (const [k, val] of Object.entries(v)) if (val !== null) ctx[k] = val;
        const r = await simulate(c, ctx);
        decisions.push(r.decision);
        if (r.error) errors.push(r.error);
      }
      const same = decisions.every((d) => d === decisions[0]);
      row = { id: c.id, decision: errors.length ? 'Error' : same ? decisions[0] : 'Unknown', variantDecisions: decisions };
      if (errors.length) row.error = errors[0];
    } else {
      row = { id: c.id, ...(await simulate(c, c.context)) };
    }
    counts[row.decision] = (counts[row.decision] || 0) + 1;
    out.push(JSON.stringify(row));
  }
  fs.writeFileSync(outPath + '.tmp', out.join('\n') + '\n');
  fs.renameSync(outPath + '.tmp', outPath);
  console.error(`oracle: ${out.length} cases ${JSON.stringify(counts)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
