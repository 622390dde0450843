#!/usr/bin/env node
// Times @cloud-copilot/iam-simulate over the corpus, to compare with bench/iam_corpus_bench.cpp:
//  - "runSimulation": the public API as the differential test calls it (validates and loads the
//    policies, checks the action and resource type, then evaluates); the counterpart of
//    BM_IamCorpusParseAndEvaluate;
//  - "authorize (preloaded)": the core evaluator alone, policies loaded once beforehand, one pass
//    over the corpus; the counterpart of BM_IamCorpusEvaluate (engine with parsed policies);
//  - "authorize (preloaded, hot)": the same, each case 10 times in a row (its data stays in the
//    CPU caches); the counterpart of BM_IamCorpusEvaluateHot.
// Cases with unknown-key variants are timed once, with their base context.
// Usage: node bench_oracle.js CORPUS.jsonl [rounds]
'use strict';
const fs = require('fs');
const path = require('path');
const { runSimulation } = require('@cloud-copilot/iam-simulate');
const { loadPolicy } = require('@cloud-copilot/iam-policy');
const dist = path.join(__dirname, 'node_modules/@cloud-copilot/iam-simulate/dist/cjs');
const { authorize } = require(path.join(dist, 'core_engine/CoreSimulatorEngine.js'));
const { AwsRequestImpl } = require(path.join(dist, 'request/request.js'));
const { RequestContextImpl } = require(path.join(dist, 'requestContext.js'));
const { DiscoveryContextKeyConstraints } = require(path.join(dist, 'context_keys/discoveryContextKeyConstraints.js'));

const RCP_FULL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

function simulationFor(c) {
  const org = (levels) => (levels || []).map((l) => ({ orgIdentifier: l.org, policies: l.policies }));
  const sim = {
    request: {
      principal: c.principal, action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount }, contextVariables: c.context,
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

function makeCore(c) {
  const load = (p, name) => loadPolicy(p, { name });
  const levels = (ls, rcp) => (ls || []).map((l) => ({
    orgIdentifier: l.org,
    policies: [...(rcp ? [load(RCP_FULL, 'RCPFullAWSAccess')] : []), ...l.policies.map((p) => load(p.policy, p.name))],
  }));
  const ids = (c.identityPolicies || []).map((p) => load(p.policy, p.name));
  const scps = levels(c.scps, false);
  const rcps = levels(c.rcps, true);
  const rp = c.resourcePolicy ? load(c.resourcePolicy, 'resource') : undefined;
  const pb = c.permissionBoundary ? [load(c.permissionBoundary, 'boundary')] : undefined;
  const ep = c.endpointPolicy ? [load(c.endpointPolicy, 'endpoint')] : undefined;
  const params = { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) };
  return () => authorize({
    request: new AwsRequestImpl(c.principal, { resource: c.resource, accountId: c.resourceAccount }, c.action,
      new RequestContextImpl(c.context), c.resource === '*'),
    sessionPolicy: undefined,
    identityPolicies: ids,
    serviceControlPolicies: scps,
    resourceControlPolicies: rcps,
    resourcePolicy: rp,
    permissionBoundaries: pb,
    vpcEndpointPolicies: ep,
    simulationParameters: params,
    serviceSettings: { s3: {} },
  }).result;
}

async function main() {
  const [corpus, roundsArg] = process.argv.slice(2);
  if (!corpus) {
    console.error('usage: node bench_oracle.js CORPUS.jsonl [rounds]');
    process.exit(2);
  }
  const rounds = Number(roundsArg || 3);
  const cases = fs.readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const sims = cases.map(simulationFor);
  const cores = cases.map(makeCore);

  // warm-up (JIT, iam-data caches)
  for (const s of sims) await runSimulation(s, {});
  for (const f of cores) f();

  // best of `rounds`, wall clock and CPU (user+system) of this process
  const cpuNs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) * 1000;
  };
  let best = Infinity, bestCpu = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint(), c0 = cpuNs();
    for (const s of sims) await runSimulation(s, {});
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
    bestCpu = Math.min(bestCpu, cpuNs() - c0);
  }
  let bestCore = Infinity, bestCoreCpu = Infinity;
  for (let r = 0; r < rounds * 3; r++) {
    const t0 = process.hrtime.bigint(), c0 = cpuNs();
    for (const f of cores) f();
    bestCore = Math.min(bestCore, Number(process.hrtime.bigint() - t0));
    bestCoreCpu = Math.min(bestCoreCpu, cpuNs() - c0);
  }
  let bestHotCpu = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = cpuNs();
    for (const f of cores) for (let k = 0; k < 10; k++) f();
    bestHotCpu = Math.min(bestHotCpu, (cpuNs() - c0) / 10);
  }
  const per = (ns) => (ns / cases.length / 1000).toFixed(2);
  console.log(JSON.stringify({
    cases: cases.length,
    runSimulation_us_per_case: Number(per(best)),
    runSimulation_cpu_us_per_case: Number(per(bestCpu)),
    authorize_preloaded_us_per_case: Number(per(bestCore)),
    authorize_preloaded_cpu_us_per_case: Number(per(bestCoreCpu)),
    authorize_preloaded_hot_cpu_us_per_case: Number(per(bestHotCpu)),
    node: process.version,
  }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
