// The engine facts the local endpoint serves (versions, parameter-group families, default groups, AZs).
// They belong to the shared facts module (server/src/model/facts.ts, one fact, one place); this adapter only
// reshapes them for the endpoint's Describe* actions.
// TEMPORARY until server/src/model/facts.ts lands: a minimal stand-in, to be replaced by imports from it.

export type EngineName = 'redis' | 'valkey' | 'memcached';

export interface EngineVersionFact {
  engine: EngineName;
  version: string;
  family: string;
  defaultParameterGroup: string;
  engineDescription: string;
  versionDescription: string;
}

const stand_in: EngineVersionFact[] = [
  { engine: 'memcached', version: '1.6.22', family: 'memcached1.6', defaultParameterGroup: 'default.memcached1.6', engineDescription: 'memcached', versionDescription: 'memcached version 1.6.22' },
  { engine: 'redis', version: '7.1', family: 'redis7', defaultParameterGroup: 'default.redis7', engineDescription: 'Redis', versionDescription: 'redis version 7.1' },
  { engine: 'valkey', version: '8.0', family: 'valkey8', defaultParameterGroup: 'default.valkey8', engineDescription: 'Valkey', versionDescription: 'valkey version 8.0' },
];

export function engineVersions(): EngineVersionFact[] {
  return stand_in;
}

export const engineNames: EngineName[] = ['memcached', 'redis', 'valkey'];

/** The version a cluster gets when CreateCacheCluster names no EngineVersion (the newest). */
export function defaultEngineVersion(engine: EngineName): EngineVersionFact | undefined {
  const versions = engineVersions().filter((v) => v.engine === engine);
  return versions[versions.length - 1];
}

/** The engine version fact for an EngineVersion as requested (exact, or `7.1` matching `7.1.x`). */
export function findEngineVersion(engine: EngineName, version: string): EngineVersionFact | undefined {
  const versions = engineVersions().filter((v) => v.engine === engine);
  return versions.find((v) => v.version === version) ?? versions.find((v) => v.version.startsWith(version + '.') || version.startsWith(v.version + '.'));
}

export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((s) => region + s);
}
