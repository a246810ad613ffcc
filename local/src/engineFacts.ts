// The engine facts the local endpoint serves (versions, parameter-group families, default groups, AZs, limits)
// come from the shared facts module (server/src/model/facts.ts: one fact, one place, each with its source URL);
// this adapter only reshapes them for the endpoint's Describe* actions and CreateCacheCluster defaults.
import {
  ENGINES,
  ENGINE_DISPLAY,
  ENGINE_VERSIONS,
  LIMITS,
  availabilityZones as factAvailabilityZones,
  defaultParameterGroups,
  newClustersCanUse,
  latestVersion,
  type EngineName,
} from '../../server/src/model/facts';

export type { EngineName };

export interface EngineVersionFact {
  engine: EngineName;
  version: string;
  family: string;
  defaultParameterGroup: string;
  engineDescription: string;
  versionDescription: string;
}

function describeVersion(v: { engine: EngineName; version: string; family: string }): EngineVersionFact {
  return {
    engine: v.engine,
    version: v.version,
    family: v.family,
    defaultParameterGroup: `default.${v.family}`,
    engineDescription: ENGINE_DISPLAY[v.engine],
    versionDescription: `${ENGINE_DISPLAY[v.engine]} ${v.version}`,
  };
}

/**
 * Versions a cluster can be created with: the facts' newClustersCanUse, the same fact the linter refuses a version
 * past end of life by, so DescribeCacheEngineVersions, CreateCacheCluster and the default parameter groups agree.
 */
const offered: EngineVersionFact[] = ENGINE_VERSIONS.filter(newClustersCanUse).map(describeVersion);
const offeredIndex = new Map(offered.map((v) => [`${v.engine}:${v.version}`, v]));

export function engineVersions(): EngineVersionFact[] {
  return offered;
}

export const engineNames: readonly EngineName[] = ENGINES;

/** The version a cluster gets when CreateCacheCluster names no EngineVersion: the latest supported one. */
export function defaultEngineVersion(engine: EngineName): EngineVersionFact | undefined {
  // The offered fact itself, not a copy: DescribeCacheEngineVersions DefaultOnly picks it out of the offered list.
  return findEngineVersion(engine, latestVersion(engine).version);
}

/** The engine version fact for an EngineVersion as requested, when a cluster can be created with it (`offered`). */
export function findEngineVersion(engine: EngineName, version: string): EngineVersionFact | undefined {
  return offeredIndex.get(`${engine}:${version}`);
}

export interface ParameterGroupFact {
  name: string;
  family: string;
}

/** The `default.*` parameter groups of every family a cluster can be created with. */
export function defaultParameterGroupFacts(): ParameterGroupFact[] {
  const families = [...new Set(offered.map((v) => v.family))];
  return families.flatMap((family) => defaultParameterGroups(family).map((name) => ({ name, family })));
}

export function availabilityZones(region: string): string[] {
  return factAvailabilityZones(region);
}

/**
 * Node Availability Zones of a new cluster: as listed in PreferredAvailabilityZones, else spread over the Region's
 * first three zones for AZMode cross-az, else all in PreferredAvailabilityZone or the first zone. A Region whose
 * zones are not documented (facts.ts) has none to spread over: every node goes to the first zone.
 */
export function nodeAvailabilityZones(region: string, input: Record<string, unknown>): { firstZone: string; zoneOf: (i: number) => string } {
  const zones = factAvailabilityZones(region);
  const preferredZones = (input.PreferredAvailabilityZones as string[] | undefined) ?? [];
  const firstZone = String(input.PreferredAvailabilityZone ?? preferredZones[0] ?? zones[0] ?? `${region}a`);
  const spread = input.AZMode === 'cross-az' && zones.length > 0;
  return { firstZone, zoneOf: (i) => preferredZones[i] ?? (spread ? zones[i % Math.min(zones.length, 3)] : firstZone) };
}

export const maxMemcachedNodes = LIMITS.maxMemcachedNodes;
export const maxTags = LIMITS.maxTags;
