// Binds the create wizard to the language service's model and rules (one fact, one place): the same facts,
// validators and CreateCacheCluster rules the language server and the Local endpoint use.
import {
  ENGINE_DISPLAY,
  ENGINES,
  LIMITS,
  NODE_TYPE_FAMILIES,
  REGIONS,
  findVersion,
  newClustersCanUse,
  nodeTypeFact,
  orderEngineVersions,
  versionsInOfferOrder,
  type EngineName,
} from '../../server/src/model/facts';
import { checkCreateCacheCluster, issueMessage, validateAuthToken, validateCacheClusterId } from '../../server/src/service/index';
import type { WizardRules } from './wizard';

/**
 * Current-generation node types the engine can use in CreateCacheCluster (previous generation: new clusters are not
 * supported; replication-group-only families such as R6gd: not for CreateCacheCluster).
 */
function nodeTypes(engine: string): string[] {
  return NODE_TYPE_FAMILIES.filter((f) => f.generation === 'current' && !f.replicationGroupOnly && (!f.engines || f.engines.includes(engine as EngineName)))
    .flatMap((f) => f.sizes.map((s) => `cache.${f.family}.${s}`));
}

/** The order the wizard offers engines in: Valkey (the suggestion), Redis OSS, Memcached. */
const ENGINE_ORDER: readonly string[] = ['valkey', 'redis', 'memcached'];
const engines = [...ENGINES].sort((a, b) => rank(a) - rank(b));
function rank(engine: string): number {
  const i = ENGINE_ORDER.indexOf(engine);
  return i < 0 ? ENGINE_ORDER.length : i;
}

const ENGINE_DESCRIPTIONS: Record<string, string> = {
  valkey: `${ENGINE_DISPLAY.valkey}: open source, Redis OSS compatible`,
  redis: `${ENGINE_DISPLAY.redis}: data structures, replication, snapshots`,
  memcached: `${ENGINE_DISPLAY.memcached}: simple multithreaded cache, no persistence`,
};

/**
 * What the family's letters say: t burstable, m general purpose, r memory optimized (d: with SSD data tiering),
 * c network optimized; a `g` after the generation number is AWS Graviton (SOURCES.supportedNodeTypes).
 */
function familyHint(family: string): string {
  const kind =
    family.startsWith('t') ? 'burstable'
    : family.startsWith('m') ? 'general purpose'
    : family.startsWith('r') ? (family.endsWith('gd') ? 'memory optimized, data tiering' : 'memory optimized')
    : family.startsWith('c') ? 'network optimized'
    : 'other';
  return /\dgn?d?$/.test(family) ? `${kind} · Graviton` : kind;
}

function nodeTypeDescription(nodeType: string): string | undefined {
  const family = nodeTypeFact(nodeType);
  if (!family) return undefined;
  return `${familyHint(family.family)} · ${family.generation} generation`;
}

/** Node types in the order offered: burstable (small, cheap) first, then general purpose, memory, network optimized. */
function orderedNodeTypes(engine: string): string[] {
  const order = ['t', 'm', 'r', 'c'];
  const letter = (t: string): number => {
    const i = order.indexOf(t.split('.')[1]?.[0] ?? '');
    return i < 0 ? order.length : i;
  };
  return nodeTypes(engine)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => letter(a.t) - letter(b.t) || a.i - b.i)
    .map((x) => x.t);
}

/** A small current-generation type: cache.t4g.micro where the engine can use it. */
function defaultNodeType(engine: string): string | undefined {
  const types = nodeTypes(engine);
  return ['cache.t4g.micro', 'cache.t3.micro'].find((t) => types.includes(t)) ?? types[0];
}

const engineName = (engine: string): EngineName | undefined => ENGINES.find((e) => e === engine);

/**
 * Whether the wizard offers the version: not past end of life (CreateCacheCluster refuses it: newClustersCanUse, the
 * fact the linter and the local endpoint use), nor a deprecated patch version (5.0.0–5.0.5: created, but "use 5.0.6").
 * A version the model does not know is the account's to offer.
 */
function creatable(engine: EngineName, version: string): boolean {
  const fact = findVersion(engine, version);
  return fact === undefined || (newClustersCanUse(fact) && fact.status !== 'deprecated');
}

/** Versions the model knows that a new cluster can use, in the order completion offers them (the same function). */
function modelEngineVersions(engine: string): string[] {
  const e = engineName(engine);
  return e ? versionsInOfferOrder(e).filter((v) => creatable(e, v.version)).map((v) => v.version) : [];
}

/** Versions an account lists, in that order, without those a new cluster cannot use. */
function accountEngineVersions(engine: string, versions: readonly string[]): string[] {
  const e = engineName(engine);
  return e ? orderEngineVersions(e, versions).filter((v) => creatable(e, v)) : [...versions];
}

function engineVersionStatus(engine: string, version: string): string | undefined {
  const e = engineName(engine);
  return e && findVersion(e, version)?.status === 'extended-support' ? 'extended support (paid)' : undefined;
}

/**
 * The problem first, in the engine's own name: "41 nodes is more than a Memcached cluster can have (1–40).", "0 nodes
 * is fewer than a Memcached cluster needs (1–40)." Valkey and Redis OSS clusters have 1 node (replicas are a
 * replication group's); Memcached 1 to LIMITS.maxMemcachedNodes.
 */
function nodeCountProblem(engine: string, nodes: number): string | undefined {
  const max = engine === 'memcached' ? LIMITS.maxMemcachedNodes : 1;
  if (nodes >= 1 && nodes <= max) return undefined;
  const known = engineName(engine);
  const name = known ? ENGINE_DISPLAY[known] : engine;
  const range = max === 1 ? 'exactly 1' : `1–${max}`;
  return nodes < 1
    ? `${nodes} nodes is fewer than a ${name} cluster needs (${range}).`
    : `${nodes} nodes is more than a ${name} cluster can have (${range}).`;
}

export const wizardRules: WizardRules = {
  engines,
  modelEngineVersions,
  accountEngineVersions,
  engineVersionStatus,
  engineDescription: (engine) => ENGINE_DESCRIPTIONS[engine],
  engineDisplayName: (engine) => {
    const known = engineName(engine);
    return known ? ENGINE_DISPLAY[known] : undefined;
  },
  nodeTypes: orderedNodeTypes,
  nodeTypeDescription,
  defaultNodeType,
  nodeCountProblem,
  validateCacheClusterId,
  validateAuthToken,
  checkMember(input, member) {
    const issue = checkCreateCacheCluster(input).find((i) => i.severity === 'error' && i.path[0] === member);
    return issue && { code: issue.code, message: issueMessage(issue) };
  },
};

export function regionNames(): string[] {
  return [...REGIONS];
}
