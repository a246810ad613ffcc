// Hover: a member's documentation (Markdown from the service model), type, valid values and limits, and a link
// to the API reference page of the action. Pure: the language server converts the result to an LSP Hover.
// On a value the facts know (node type, engine version, default parameter group, engine) the hover leads with that
// value; no other value is ever shown (an AuthToken must not appear anywhere but in the file itself). On any value
// the member's documentation is cut to its first paragraph: the whole of it is on the member's name.
import {
  CLUSTER_MODE_GROUP_SUFFIX,
  ENGINE_DISPLAY,
  ENGINE_VERSIONS,
  engineOfFamily,
  engineOnlyNote,
  ENGINES,
  familyEndOfLife,
  findVersion,
  latestVersion,
  newClustersCanUse,
  LIMITS,
  NODE_TYPE_FAMILIES,
  nodeTypeFact,
  PARAMETER_GROUP_FAMILIES,
  PRESIGN_MAX_DAYS,
  REQUIRED_UNLISTED_MEMBERS,
  SOURCES,
  versionsOf,
  type EngineName,
  type EngineVersionFact,
} from '../model/facts';
import { serviceModel } from '../model/generated/serviceModel';
import { displayableName } from '../model/secrets';
import { operationModel } from '../model/operations';
import type { MemberModel, ShapeModel } from '../model/serviceModelTypes';
import { analysisAround } from './completion';
import { queryLeaves } from './queryNames';
import { endOfLifeNote, engineVersionUse, enginesOfAction, type EngineVersionUse } from './rules';
import { memberNames, unknownMemberSuggestion } from './shapeCheck';
import { visibleMessage } from './text';
import type { Analysis, DocumentKind, Entry, Finding, ParsedRequest, QueryParam, Span, ValueNode } from './types';

export interface HoverInfo {
  markdown: string;
  span: Span;
}

const API_REFERENCE = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/';
export const COMMON_PARAMETERS_URL = `${API_REFERENCE}CommonParameters.html`;

/** The API reference page of an action, when the service model knows the action. */
export function apiReferenceUrl(action: string): string | undefined {
  return Object.hasOwn(serviceModel.operations, action) ? `${API_REFERENCE}API_${action}.html` : undefined;
}

/** Findings about the URL's encoding: the Signature Version 4 page's URI-encoding rules say what is encoded and how. */
const URI_ENCODING = new Set(['query-bad-percent-encoding', 'query-unencoded-character', 'query-double-encoded', 'query-secret-split']);
/** Findings about the layout of a Query request (one `?`, `#` comments, lines joined): the page with the seed's URL. */
const QUERY_LAYOUT = new Set(['query-syntax', 'query-trailing-whitespace']);
/** Findings about the file as a whole: the page on that kind of file. */
const WHOLE_FILE = new Set(['json-syntax', 'yaml-syntax', 'yaml-alias', 'binary-content', 'file-too-large', 'too-many-findings', 'internal-error']);

/**
 * Rules whose facts come from a guide page rather than the action's API reference: the page the rule's fact is
 * documented on (facts.ts SOURCES), whatever the action. Rules not listed here check what the action's reference
 * itself states (IDs, counts, members per engine, node groups' counts) and link to it.
 */
const TOPIC_PAGES: Readonly<Record<string, string>> = {
  // Versions: the list of versions; end of life and Extended Support (the page the version hover links).
  'engine-version': SOURCES.supportedEngineVersions,
  'engine-version-support': SOURCES.endOfLife,
  'parameter-group-family': SOURCES.parameterGroups,
  // Node types: the supported node types page (current and previous generation, engines, versions).
  'invalid-node-type': SOURCES.supportedNodeTypes,
  'unknown-node-type': SOURCES.supportedNodeTypes,
  'previous-generation-node-type': SOURCES.supportedNodeTypes,
  'node-type-engine': SOURCES.supportedNodeTypes,
  'node-type-engine-version': SOURCES.supportedNodeTypes,
  'node-type-replication-group': SOURCES.dataTiering,
  'data-tiering': SOURCES.dataTiering,
  // Availability Zones: the zone names per Region; ElastiCache's Regions and Availability Zones.
  'invalid-availability-zone': SOURCES.availabilityZones,
  'availability-zone-region': SOURCES.regions,
  // Windows and backups.
  'maintenance-window': SOURCES.maintenanceWindow,
  'window-overlap': SOURCES.maintenanceWindow,
  'snapshot-window': SOURCES.backups,
  'snapshot-retention': SOURCES.backups,
  // Encryption, AUTH and access control.
  'transit-encryption-subnet-group': SOURCES.inTransitEncryption,
  'transit-encryption-version': SOURCES.inTransitEncryption,
  'at-rest-encryption-version': SOURCES.atRestEncryption,
  'kms-key-at-rest': SOURCES.atRestEncryption,
  'invalid-auth-token': SOURCES.auth,
  'auth-token-requires-transit-encryption': SOURCES.auth,
  'auth-token-in-file': SOURCES.auth,
  'user-group-version': SOURCES.rbac,
  'user-group-auth-token': SOURCES.rbac,
  // Logs, networking, tags.
  'log-delivery-version': SOURCES.logDelivery,
  'log-delivery-destination': SOURCES.loggingDestinations,
  'network-type-version': SOURCES.networkType,
  'network-type-node-type': SOURCES.networkType,
  tags: SOURCES.tags,
  'tag-characters': SOURCES.tags,
  // Node groups (shards): NodeGroupConfiguration's own reference page; replicas per shard, the Shards guide.
  'node-group-id': SOURCES.nodeGroupConfiguration,
  'node-group-azs': SOURCES.nodeGroupConfiguration,
  'node-group-slots': SOURCES.nodeGroupConfiguration,
  'seed-slots': SOURCES.nodeGroupConfiguration,
  'node-group-replicas': SOURCES.shards,
  'multi-az-failover': SOURCES.multiAz,
};

/**
 * The documentation page a diagnostic links to (LSP codeDescription), for every code: the page on the kind of file
 * (the AWS CLI's input files, or creating a cluster with the Query API) for the file's syntax and the file as a
 * whole; URI encoding and the request's layout for the URL's; the common-parameters page for the Query/SigV4 layer
 * (Action among them), the endpoints page for hosts; the guide page a rule's fact comes from (TOPIC_PAGES);
 * otherwise the API reference page of the request's action, or the list of actions when the action is unknown or
 * missing. The severity tells an engine version's findings apart: the information one (a version in paid Extended
 * Support) links to the Extended Support page, as the version's hover does; the others to the end-of-life page.
 */
export function referenceUrlForFinding(finding: Pick<Finding, 'code' | 'severity'>, action: string | undefined, kind: DocumentKind): string {
  const { code } = finding;
  if (code === 'engine-version-support' && finding.severity === 'information') return SOURCES.extendedSupport;
  if (WHOLE_FILE.has(code)) return kind === 'query' ? SOURCES.seed : SOURCES.cliInputFiles;
  if (URI_ENCODING.has(code)) return SOURCES.sigv4Query;
  if (QUERY_LAYOUT.has(code)) return SOURCES.seed;
  if (Object.hasOwn(TOPIC_PAGES, code)) return TOPIC_PAGES[code];
  if (code === 'query-host' || code === 'query-scheme') return SOURCES.endpoints;
  if (code === 'query-expires') return COMMON_PARAMETERS['X-Amz-Expires'].url;
  // A placeholder is a member's value (any form, any depth), not part of the Query/SigV4 layer: the action's page.
  if (code === 'query-placeholder') return (action && apiReferenceUrl(action)) || SOURCES.apiActions;
  if (code.startsWith('query-') || code === 'missing-action') return COMMON_PARAMETERS_URL;
  return (action && apiReferenceUrl(action)) || SOURCES.apiActions;
}

/** The API reference page of a structure shape (e.g. Tag). */
function shapeReferenceUrl(shape: string): string {
  return `${API_REFERENCE}API_${shape}.html`;
}

/** How the hover's link names each page it points to (the link says where it goes). */
const COMMON_PARAMETERS_LINK = 'ElastiCache API reference: Common Parameters';
const SIGV4_QUERY_PARAMETERS_LINK = 'Signature Version 4: authenticating with query parameters';

/**
 * Query-API parameters common to all actions (not in the service model), from the ElastiCache API reference
 * "Common Parameters" page (COMMON_PARAMETERS_URL) and, for X-Amz-Expires, which that page does not list, the
 * Signature Version 4 query-parameter authentication page (SOURCES.sigv4QueryParameters).
 */
const COMMON_PARAMETERS: Record<string, { doc: string; url: string; page?: string }> = {
  Action: { doc: 'The action to be performed.', url: COMMON_PARAMETERS_URL },
  Version: {
    doc: `The API version that the request is written for, expressed in the format YYYY-MM-DD. For ElastiCache: \`${serviceModel.metadata.apiVersion}\`.`,
    url: COMMON_PARAMETERS_URL,
  },
  'X-Amz-Algorithm': {
    doc: 'The hash algorithm that you used to create the request signature. Valid values: `AWS4-HMAC-SHA256`.',
    url: COMMON_PARAMETERS_URL,
  },
  'X-Amz-Credential': {
    doc: 'The credential scope value: your access key, the date, the Region you are targeting, the service you are requesting, and a termination string (`aws4_request`), in the format `access_key/YYYYMMDD/region/service/aws4_request`.',
    url: COMMON_PARAMETERS_URL,
  },
  'X-Amz-Date': {
    doc: "The date that is used to create the signature, in ISO 8601 basic format (`YYYYMMDD'T'HHMMSS'Z'`), for example `20120325T120000Z`.",
    url: COMMON_PARAMETERS_URL,
  },
  'X-Amz-Security-Token': {
    doc: 'The temporary security token that was obtained through a call to AWS Security Token Service (AWS STS).',
    url: COMMON_PARAMETERS_URL,
  },
  'X-Amz-Signature': {
    doc: 'The hex-encoded signature that was calculated from the string to sign and the derived signing key.',
    url: COMMON_PARAMETERS_URL,
  },
  'X-Amz-SignedHeaders': {
    doc: 'All the HTTP headers that were included as part of the canonical request, lowercase, separated by `;` (for a presigned URL, usually `host`).',
    url: COMMON_PARAMETERS_URL,
  },
  'X-Amz-Expires': {
    doc: `How long, in seconds, the presigned URL is valid: an integer from ${LIMITS.presignMinSeconds} to ${LIMITS.presignMaxSeconds} (${PRESIGN_MAX_DAYS} days).`,
    url: SOURCES.sigv4QueryParameters,
    page: SIGV4_QUERY_PARAMETERS_LINK,
  },
};

const SIGV2_PARAMETERS = new Set(['SignatureVersion', 'SignatureMethod', 'Timestamp', 'AWSAccessKeyId', 'Signature']);

function typeLabel(shape: ShapeModel, shapeName: string): string {
  if (shape.type === 'list' && shape.member) {
    const item = serviceModel.shapes[shape.member.shape];
    return `list of ${item ? typeLabel(item, shape.member.shape) : shape.member.shape}`;
  }
  if (shape.type === 'structure') return `structure ${shapeName}`;
  return shape.type;
}

const memberMarkdownCache = new Map<string, string>();

/**
 * How much of a member's documentation a hover shows: all of it on the member's name ('full'); on a value ('value'),
 * only its first paragraph (CacheNodeType's whole text, a list of every node type, is some 3,800 characters).
 */
export type MemberMarkdownForm = 'full' | 'value';

/** Markdown for one member of a structure shape (memoised: completion lists every member on each request). */
export function memberMarkdown(
  action: string | undefined,
  owner: string,
  memberName: string,
  member: MemberModel,
  required: boolean,
  form: MemberMarkdownForm = 'full',
): string {
  // A member the model leaves optional but the service needs (Tag.Key) is shown required, as the rules treat it.
  required ||= REQUIRED_UNLISTED_MEMBERS[owner]?.includes(memberName) ?? false;
  const key = `${action}\u0000${owner}\u0000${memberName}\u0000${required}\u0000${form}`;
  let markdown = memberMarkdownCache.get(key);
  if (markdown === undefined) {
    markdown = buildMemberMarkdown(action, owner, memberName, member, required, form);
    memberMarkdownCache.set(key, markdown);
  }
  return markdown;
}

/** The first paragraph of a member's documentation (Markdown paragraphs are separated by a blank line). */
function firstParagraph(markdown: string): string {
  return markdown.split(/\n[ \t]*\n/, 1)[0];
}

function buildMemberMarkdown(
  action: string | undefined,
  owner: string,
  memberName: string,
  member: MemberModel,
  required: boolean,
  form: MemberMarkdownForm,
): string {
  const shape = serviceModel.shapes[member.shape];
  const lines: string[] = [];
  const where = action && owner === operationModel(action)?.input ? action : owner;
  // The engines a CreateCacheCluster member is for when not every engine (the documentation's "only valid if the Engine
  // parameter is redis" is dropped by the model generator: it predates Valkey).
  const engineOnly = where === 'CreateCacheCluster' ? engineOnlyNote(memberName) : undefined;
  lines.push(
    `**${memberName}** \`${shape ? typeLabel(shape, member.shape) : member.shape}\` · ${required ? '**required**' : 'optional'} · ${where}` +
      (member.deprecated ? ' · *deprecated*' : '') +
      (engineOnly ? ` · ${engineOnly}` : ''),
  );
  const factsKnown = owner === serviceModel.operations.CreateCacheCluster?.input || owner === serviceModel.operations.CreateReplicationGroup?.input;
  if (member.documentation) lines.push('', form === 'value' ? firstParagraph(member.documentation) : member.documentation);
  const facts: string[] = [];
  if (shape?.enum) facts.push(`Valid values: ${shape.enum.map((v) => `\`${v}\``).join(' | ')}`);
  if (shape?.type === 'boolean') facts.push('Valid values: `true` | `false`');
  if (shape?.min !== undefined || shape?.max !== undefined)
    facts.push(`Limits: ${shape.min !== undefined ? `min ${shape.min}` : ''}${shape.min !== undefined && shape.max !== undefined ? ', ' : ''}${shape.max !== undefined ? `max ${shape.max}` : ''}`);
  if (shape?.pattern) facts.push(`Pattern: \`${shape.pattern}\``);
  if (shape?.type === 'list' && shape.member) {
    const item = shape.member.locationName ?? 'member';
    // A structure item's leaves at any depth: its nested structures' names alone are no Query parameters.
    const leaves = queryLeaves(shape.member.shape).map((l) => l.name);
    const suffix = leaves.length ? `.${leaves.join('|')}` : '';
    facts.push(`Query form: \`${memberName}.${item}.N${suffix}\` (or \`${memberName}.member.N${suffix}\`), N = 1, 2, …`);
  }
  if (shape?.type === 'structure') facts.push(`Query form: \`${memberName}.${queryLeaves(member.shape).map((l) => l.name).join('|')}\``);
  if (factsKnown) facts.push(...modelFacts(memberName, enginesOfAction(action)));
  if (facts.length) lines.push('', facts.join('  \n'));
  const url = action && where === action ? apiReferenceUrl(action) : shapeReferenceUrl(owner);
  if (url) lines.push('', `[API reference: ${where}](${url})`);
  return lines.join('\n');
}

const link = (title: string, url: string) => `([${title}](${url}))`;

/**
 * Valid values and limits that the facts module holds for a member (each with its documentation page), for the
 * engines the action takes (CreateReplicationGroup: Valkey and Redis OSS only).
 */
function modelFacts(member: string, engines: readonly EngineName[]): string[] {
  switch (member) {
    case 'Engine':
      return [`Valid values: ${engines.map((e) => `\`${e}\` (${ENGINE_DISPLAY[e]})`).join(' | ')} ${link('engine versions', SOURCES.engineVersions)}`];
    case 'EngineVersion':
      return engines.map((e) => `${ENGINE_DISPLAY[e]}: ${versionsOf(e).filter((v) => v.status !== 'deprecated').map((v) => `\`${v.version}\``).join(', ')}`).concat(`${link('supported versions', SOURCES.supportedEngineVersions)}`);
    case 'NumCacheNodes':
      return [`Limits: exactly 1 for Valkey and Redis OSS; 1 to ${LIMITS.maxMemcachedNodes} for Memcached ${link('CreateCacheCluster', SOURCES.createCacheCluster)}`];
    case 'Port':
      return [`Limits: ${LIMITS.portMin}–${LIMITS.portMax}; defaults ${engines.map((e) => `${ENGINE_DISPLAY[e]} ${LIMITS.defaultPort[e]}`).join(', ')}`];
    case 'AuthToken':
      return [
        `Limits: ${LIMITS.authTokenMin}–${LIMITS.authTokenMax} printable ASCII characters; special characters only \`${LIMITS.authTokenSpecials}\`; needs \`TransitEncryptionEnabled=true\` ${link('AUTH', SOURCES.auth)}`,
        'Keep it out of files: pass it from a secret store. Its value is never shown here.',
      ];
    case 'CacheClusterId':
      return [`Limits: 1–${LIMITS.cacheClusterIdMaxLength} letters, digits or hyphens; starts with a letter; no \`--\`; no trailing hyphen; stored lowercase`];
    case 'CacheNodeType':
      return [`Current generation: ${NODE_TYPE_FAMILIES.filter((f) => f.generation === 'current').map((f) => `\`cache.${f.family}.*\``).join(', ')} ${link('supported node types', SOURCES.supportedNodeTypes)}`];
    case 'CacheParameterGroupName': {
      // Families past end of life (facts.familyEndOfLife) apart and struck through, as completion marks them: their
      // default groups exist but new clusters cannot use them.
      const families = PARAMETER_GROUP_FAMILIES.filter((f) => engines.some((e) => e === engineOfFamily(f)));
      const usable = families.filter((f) => !familyEndOfLife(f));
      const endOfLife = families.filter((f) => familyEndOfLife(f)).map((f) => `~~\`${f}\`~~ (${familyEndOfLife(f)})`);
      const pastEndOfLife = endOfLife.length ? `; end of life, new clusters cannot use them: ${endOfLife.join(', ')} ${link('end-of-life versions', SOURCES.endOfLife)}` : '';
      return [
        `Default groups: \`default.<family>\`, families ${usable.map((f) => `\`${f}\``).join(', ')}${pastEndOfLife}; a \`.cluster.on\` group means cluster mode (CreateReplicationGroup only) ${link('parameter groups', SOURCES.parameterGroups)}`,
      ];
    }
    case 'PreferredMaintenanceWindow':
      return [`Format: \`ddd:hh24:mi-ddd:hh24:mi\` (UTC), at least ${LIMITS.maintenanceWindowMinMinutes} minutes, e.g. \`sun:23:00-mon:01:30\``];
    case 'SnapshotWindow':
      return [`Format: \`hh24:mi-hh24:mi\` (UTC), at least ${LIMITS.snapshotWindowMinMinutes} minutes ${link('automatic backups', SOURCES.backups)}`];
    case 'SnapshotRetentionLimit':
      return [`Limits: 0 (off) to ${LIMITS.snapshotRetentionMax} days ${link('automatic backups', SOURCES.backups)}`];
    case 'Tags':
      return [`Limits: up to ${LIMITS.maxTags} tags; key ≤ ${LIMITS.tagKeyMax}, value ≤ ${LIMITS.tagValueMax} characters; \`${LIMITS.tagKeyReservedPrefix}\` key prefix reserved ${link('tagging', SOURCES.tags)}`];
    default:
      return [];
  }
}

const STATUS_LINE: Record<EngineVersionFact['status'], string> = {
  supported: 'supported',
  'extended-support': 'extended support: standard support ended; a cluster on it is charged for Extended Support',
  deprecated: 'deprecated patch version: use the family\'s supported one',
};

function versionLine(v: EngineVersionFact, use: EngineVersionUse): string {
  const pastEndOfLife = !newClustersCanUse(v);
  const status = pastEndOfLife ? endOfLifeNote(v.endOfLife!, use) : STATUS_LINE[v.status];
  const latest = latestVersion(v.engine).version;
  const newer = v.status === 'supported' && v.version === latest ? ' (latest)' : ` · latest ${ENGINE_DISPLAY[v.engine]}: \`${latest}\``;
  const source = pastEndOfLife ? link('end-of-life versions', SOURCES.endOfLife) : v.status === 'extended-support' ? link('Extended Support', SOURCES.extendedSupport) : link('supported versions', SOURCES.supportedEngineVersions);
  return `${ENGINE_DISPLAY[v.engine]} · ${status}${newer}  \nParameter group family \`${v.family}\` (default group \`default.${v.family}\`) ${source}`;
}

/**
 * What the facts module knows about a value of a member (a node type, an engine version, a default parameter group,
 * an engine), as Markdown that leads the hover on the value; undefined when it knows nothing about it.
 */
export function valueMarkdown(memberName: string, value: string, input: Record<string, unknown>, action?: string): string | undefined {
  const engine = typeof input.Engine === 'string' ? ENGINES.find((e) => e === (input.Engine as string).toLowerCase()) : undefined;
  switch (memberName) {
    case 'CacheNodeType': {
      const f = nodeTypeFact(value);
      if (!f) return undefined;
      const engines = (f.engines ?? ENGINES).map((e) => ENGINE_DISPLAY[e]).join(', ');
      const minimum = f.minVersion ? ` · needs ${Object.entries(f.minVersion).map(([e, v]) => `${ENGINE_DISPLAY[e as EngineName]} ${v}+`).join(', ')}` : '';
      const generation = f.generation === 'current' ? 'current generation' : 'previous generation: creation of new clusters is not supported';
      const groupsOnly = f.replicationGroupOnly ? ' · replication groups only (CreateReplicationGroup with DataTieringEnabled), not CreateCacheCluster' : '';
      return `\`${value}\` · node type, family \`${f.family}\` · ${generation}  \nEngines: ${engines}${minimum}${groupsOnly} ${link('supported node types', SOURCES.supportedNodeTypes)}`;
    }
    case 'EngineVersion': {
      const matches = engine ? [findVersion(engine, value)].filter((v) => v !== undefined) : ENGINE_VERSIONS.filter((v) => v.version === value);
      return matches.length ? matches.map((v) => `\`${value}\` · ${versionLine(v, engineVersionUse(action))}`).join('\n\n') : undefined;
    }
    case 'CacheParameterGroupName': {
      const m = /^default\.(.+?)(\.cluster\.on)?$/.exec(value);
      const family = m && PARAMETER_GROUP_FAMILIES.includes(m[1]) ? m[1] : undefined;
      if (!family) return undefined;
      const familyEngine = engineOfFamily(family);
      const clusterMode = value.endsWith(CLUSTER_MODE_GROUP_SUFFIX)
        ? 'cluster mode enabled (`cluster-enabled=yes`): CreateReplicationGroup only, not CreateCacheCluster'
        : 'cluster mode disabled';
      // A family past end of life: its default groups are of no use to a new cluster, as its versions are not.
      const endOfLife = familyEndOfLife(family);
      const status = endOfLife ? ` · ${endOfLifeNote(endOfLife)} ${link('end-of-life versions', SOURCES.endOfLife)}` : '';
      return `\`${value}\` · default parameter group, family \`${family}\`${familyEngine ? ` (${ENGINE_DISPLAY[familyEngine]})` : ''}${status} · ${clusterMode} ${link('parameter groups', SOURCES.parameterGroups)}`;
    }
    case 'Engine': {
      const e = ENGINES.find((n) => n === value.toLowerCase());
      return e ? `\`${value}\` · ${ENGINE_DISPLAY[e]} · latest version \`${latestVersion(e).version}\`, default port ${LIMITS.defaultPort[e]} ${link('engine versions', SOURCES.engineVersions)}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The hover on a value: what is known about the value itself first, then the member's (value-form) documentation. */
function withValue(memberMarkdownText: string, memberName: string, value: string | undefined, input: Record<string, unknown>, action: string | undefined): string {
  const lead = value ? valueMarkdown(memberName, value, input, action) : undefined;
  return lead ? `${lead}\n\n---\n\n${memberMarkdownText}` : memberMarkdownText;
}

/**
 * A member of `owner` for a misspelt name: the unknown-parameter finding's one did-you-mean (same function, same
 * answer), so the value of `CacheParameterGroup=default.redis7` is explained as CacheParameterGroupName's.
 */
function likelyMember(owner: string, name: string, topLevel: boolean, operation: string | undefined): { memberName: string; member: MemberModel; required: boolean } | undefined {
  const shape = serviceModel.shapes[owner];
  if (!shape?.members) return undefined;
  const { best } = unknownMemberSuggestion(name, memberNames(owner), topLevel, operation);
  if (!best || !Object.hasOwn(shape.members, best)) return undefined;
  return { memberName: best, member: shape.members[best], required: shape.required?.includes(best) ?? false };
}

/**
 * The line that leads the hover on the value of a misspelt member, saying which member it is explained as; the name
 * as written with its control and format characters escaped, as in findings (U+202E would reverse the line).
 */
function likelyMemberNote(written: string, memberName: string): string {
  return `*\`${visibleMessage(displayableName(written))}\` is not a known parameter: this value is shown as **${memberName}**, the likely intended name.*`;
}

/** The hover on a misspelt name itself: the problem, the diagnostic's suggestion, then that member's hover. */
function likelyNameMarkdown(memberName: string, memberMarkdownText: string): string {
  return `**Unknown parameter** — did you mean **${memberName}**?\n\n---\n\n${memberMarkdownText}`;
}

function actionMarkdown(action: string): string | undefined {
  const op = operationModel(action);
  if (!op) return undefined;
  const lines = [`**${action}** · ElastiCache action`];
  if (op.deprecated) lines.push('', '*Deprecated.*');
  if (op.documentation) lines.push('', op.documentation);
  const input = op.input ? serviceModel.shapes[op.input] : undefined;
  if (input?.required?.length) lines.push('', `Required: ${input.required.map((r) => `\`${r}\``).join(', ')}`);
  lines.push('', `[API reference: ${action}](${apiReferenceUrl(action)})`);
  return lines.join('\n');
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

interface ResolvedName {
  owner: string;
  memberName: string;
  member: MemberModel;
  required: boolean;
  /** A segment after the resolved member that is not a member of its structure (`Valu` in `Tags.Tag.1.Valu`). */
  unknown?: { owner: string; name: string; index: number };
}

/**
 * Resolves a query-form name such as `Tags.Tag.1.Key` or `SecurityGroupIds.member.2` to (owner shape, member), the
 * deepest member it names; with `unknown`, the first segment after it that its structure does not have.
 */
function resolveQueryName(inputShape: string, name: string): ResolvedName | undefined {
  const segments = name.split('.');
  let owner = inputShape;
  let i = 0;
  let found: ResolvedName | undefined;
  while (i < segments.length) {
    const shape = serviceModel.shapes[owner];
    const memberName = segments[i];
    const member = shape?.members && Object.hasOwn(shape.members, memberName) ? shape.members[memberName] : undefined;
    if (!member) return found && { ...found, unknown: { owner, name: memberName, index: i } };
    found = { owner, memberName, member, required: shape.required?.includes(memberName) ?? false };
    i++;
    let memberShape = serviceModel.shapes[member.shape];
    if (memberShape?.type === 'list' && memberShape.member) {
      i += 2; // `.Item.N` or `.member.N`
      owner = memberShape.member.shape;
      memberShape = serviceModel.shapes[owner];
      if (memberShape?.type !== 'structure') return found;
    } else if (memberShape?.type === 'structure') {
      owner = member.shape;
    } else return found;
  }
  return found;
}

/** A part of a Query name: a member segment, or a list item's marker and number (`Tag.1` of `Tags.Tag.1.Key`). */
type QueryNamePart = { first: number; last: number } & (
  | { kind: 'member'; owner: string; memberName: string; member: MemberModel; required: boolean }
  | { kind: 'item'; owner: string; listName: string; list: MemberModel; itemShape: string }
);

/** The parts of a Query name down to its first segment that is not a member of its structure (resolveQueryName's walk). */
function queryNameParts(inputShape: string, segments: readonly string[]): QueryNamePart[] {
  const parts: QueryNamePart[] = [];
  let owner = inputShape;
  let i = 0;
  while (i < segments.length) {
    const shape = serviceModel.shapes[owner];
    const memberName = segments[i];
    const member = shape?.members && Object.hasOwn(shape.members, memberName) ? shape.members[memberName] : undefined;
    if (!member) break;
    parts.push({ kind: 'member', first: i, last: i, owner, memberName, member, required: shape.required?.includes(memberName) ?? false });
    i++;
    const memberShape = serviceModel.shapes[member.shape];
    if (memberShape?.type === 'list' && memberShape.member) {
      if (i < segments.length) parts.push({ kind: 'item', first: i, last: Math.min(i + 1, segments.length - 1), owner, listName: memberName, list: member, itemShape: memberShape.member.shape });
      i += 2;
      owner = memberShape.member.shape;
      if (serviceModel.shapes[owner]?.type !== 'structure') break;
    } else if (memberShape?.type === 'structure') owner = member.shape;
    else break;
  }
  return parts;
}

/**
 * The hover on a list item's marker and number (`Tag.1`): a structure item's own documentation (Tag), else the
 * list's, under a line saying which item it is.
 */
function itemMarkdown(action: string | undefined, part: Extract<QueryNamePart, { kind: 'item' }>, segments: readonly string[]): string {
  const item = serviceModel.shapes[part.itemShape];
  // The marker and number as written (`SecurityGroupIds.X\u202eY.1`), escaped as in findings.
  const number = part.last > part.first ? ` ${visibleMessage(segments[part.last]!)}` : '';
  const head = `**${visibleMessage(segments[part.first]!)}**${number} · item of ${part.listName} · \`${item ? typeLabel(item, part.itemShape) : part.itemShape}\``;
  if (item?.type === 'structure') {
    const lines = [head];
    if (item.documentation) lines.push('', item.documentation);
    lines.push('', `[API reference: ${part.itemShape}](${shapeReferenceUrl(part.itemShape)})`);
    return lines.join('\n');
  }
  const owner = serviceModel.shapes[part.owner];
  return `${head}\n\n---\n\n${memberMarkdown(action, part.owner, part.listName, part.list, owner?.required?.includes(part.listName) ?? false)}`;
}

/**
 * The hover on one segment of a Query name written without percent-encoding: that member (`Tags` in
 * `Tags.Tag.1.Key`), or that list item (`Tag.1`); undefined past a misspelt member or off the name.
 */
function segmentHover(action: string | undefined, inputShape: string, param: QueryParam, offset: number): HoverInfo | undefined {
  const whole = param.nameSpan;
  if (whole.end - whole.start !== param.name.length || !param.name.includes('.')) return undefined;
  const segments = param.name.split('.');
  const index = param.name.slice(0, offset - whole.start).split('.').length - 1;
  const part = queryNameParts(inputShape, segments).find((p) => p.first <= index && index <= p.last);
  if (!part) return undefined;
  const start = whole.start + segments.slice(0, part.first).join('.').length + (part.first > 0 ? 1 : 0);
  const span = { start, end: start + segments.slice(part.first, part.last + 1).join('.').length };
  if (part.kind === 'item') return { markdown: itemMarkdown(action, part, segments), span };
  return { markdown: memberMarkdown(action, part.owner, part.memberName, part.member, part.required), span };
}

function protocolMarkdown(name: string): string | undefined {
  const common = Object.hasOwn(COMMON_PARAMETERS, name) ? COMMON_PARAMETERS[name] : undefined;
  if (common) return `**${name}** · Query API common parameter\n\n${common.doc}\n\n[${common.page ?? COMMON_PARAMETERS_LINK}](${common.url})`;
  if (SIGV2_PARAMETERS.has(name))
    return `**${name}** · Signature Version 2 parameter\n\nElastiCache requests are signed with Signature Version 4 (\`X-Amz-*\` parameters); do not mix in Signature Version 2 parameters.\n\n[${COMMON_PARAMETERS_LINK}](${COMMON_PARAMETERS_URL})`;
  return undefined;
}

function queryHover(request: ParsedRequest, offset: number): HoverInfo | undefined {
  const param = request.params?.find((p) => contains(p.span, offset));
  if (!param) return undefined;
  const action = request.action?.name;
  if (param.name === 'Action' && contains(param.valueSpan, offset) && param.valueSpan.end > param.valueSpan.start) {
    const markdown = actionMarkdown(param.value);
    return markdown ? { markdown, span: param.valueSpan } : undefined;
  }
  const protocol = protocolMarkdown(param.name);
  if (protocol) return { markdown: protocol, span: param.nameSpan };
  const inputShape = operationModel(action)?.input;
  if (!inputShape) return undefined;
  const resolved = resolveQueryName(inputShape, param.name);
  const inName = contains(param.nameSpan, offset);
  // On a nested name, the segment under the cursor (the misspelt one and those after it as below).
  const segment = inName && resolved ? segmentHover(action, inputShape, param, offset) : undefined;
  if (segment) return segment;
  if (!resolved) {
    // A misspelt top-level member, its name or its value: hover it as the member the diagnostic suggests.
    const likely = !param.name.includes('.') ? likelyMember(inputShape, param.name, true, action) : undefined;
    if (!likely) return undefined;
    const markdown = memberMarkdown(action, inputShape, likely.memberName, likely.member, likely.required, inName ? 'full' : 'value');
    if (inName) return { markdown: likelyNameMarkdown(likely.memberName, markdown), span: param.nameSpan };
    return { markdown: `${likelyMemberNote(param.name, likely.memberName)}\n\n${withValue(markdown, likely.memberName, param.value, request.input, action)}`, span: param.valueSpan };
  }
  if (resolved.unknown) {
    const nested = misspeltNestedHover(action, resolved, param, offset);
    if (nested !== 'resolved') return nested;
  }
  const markdown = memberMarkdown(action, resolved.owner, resolved.memberName, resolved.member, resolved.required, inName ? 'full' : 'value');
  const topLevel = resolved.owner === inputShape && resolved.memberName === param.name;
  return {
    markdown: inName || !topLevel ? markdown : withValue(markdown, resolved.memberName, param.value, request.input, action),
    span: inName ? (resolved.unknown ? unknownSegmentSpan(param, resolved.unknown.index).before : param.nameSpan) : param.valueSpan,
  };
}

/**
 * Where a name's segment `index` is in the text: `before` spans the segments before it (without the dot), `from` the
 * rest, `segment` the segment itself.
 */
function unknownSegmentSpan(param: QueryParam, index: number): { before: Span; from: Span; segment: Span } {
  const whole = param.nameSpan;
  // Offsets within the decoded name map onto the text only when the name is written without percent-encoding.
  if (whole.end - whole.start !== param.name.length) return { before: whole, from: whole, segment: whole };
  const segments = param.name.split('.');
  const start = whole.start + segments.slice(0, index).join('.').length + 1;
  return { before: { start: whole.start, end: start - 1 }, from: { start, end: whole.end }, segment: { start, end: start + segments[index].length } };
}

/**
 * A nested Query name with a misspelt member (`Tags.Tag.1.Valu`), hovered as the member the unknown-parameter finding
 * suggests in that structure (same function, same answer), else nothing: on the value, that member's hover; on the
 * misspelt segment, the problem and the suggestion, as for a misspelt top-level name or JSON/YAML key. The part of
 * the name before the misspelt member is hovered as the member it names ('resolved'); the segments after it nothing.
 */
function misspeltNestedHover(action: string | undefined, resolved: ResolvedName, param: QueryParam, offset: number): HoverInfo | undefined | 'resolved' {
  const unknown = resolved.unknown!;
  const inName = contains(param.nameSpan, offset);
  const { from, segment } = unknownSegmentSpan(param, unknown.index);
  if (inName && from !== param.nameSpan && offset < from.start) return 'resolved';
  if (inName && !contains(segment, offset)) return undefined;
  const likely = likelyMember(unknown.owner, unknown.name, false, action);
  if (!likely) return undefined;
  const markdown = memberMarkdown(action, unknown.owner, likely.memberName, likely.member, likely.required, inName ? 'full' : 'value');
  if (inName) return { markdown: likelyNameMarkdown(likely.memberName, markdown), span: segment };
  return { markdown: `${likelyMemberNote(unknown.name, likely.memberName)}\n\n${markdown}`, span: param.valueSpan };
}

/** Finds the innermost entry (name or value) at `offset` in a JSON/YAML input, walking nested structures. */
function entryHover(action: string | undefined, owner: string, entries: Entry[], offset: number, input?: Record<string, unknown>): HoverInfo | undefined {
  for (const entry of entries) {
    const inName = contains(entry.nameSpan, offset);
    if (!inName && !contains(entry.value.span, offset)) continue;
    const shape = serviceModel.shapes[owner];
    const member = shape?.members && Object.hasOwn(shape.members, entry.name) ? shape.members[entry.name] : undefined;
    if (!member) {
      // A misspelt member, its name or its value: hover it as the member the diagnostic suggests.
      const likely = likelyMember(owner, entry.name, action !== undefined && owner === operationModel(action)?.input, action);
      if (!likely) return undefined;
      const markdown = memberMarkdown(action, owner, likely.memberName, likely.member, likely.required, inName ? 'full' : 'value');
      if (inName) return { markdown: likelyNameMarkdown(likely.memberName, markdown), span: entry.nameSpan };
      const value = scalarText(entry.value);
      const body = value !== undefined && input ? withValue(markdown, likely.memberName, value, input, action) : markdown;
      return { markdown: `${likelyMemberNote(entry.name, likely.memberName)}\n\n${body}`, span: entry.value.span };
    }
    if (!inName) {
      const nested = nestedHover(action, member.shape, entry.value, offset);
      if (nested) return nested;
    }
    const markdown = memberMarkdown(action, owner, entry.name, member, shape.required?.includes(entry.name) ?? false, inName ? 'full' : 'value');
    const value = !inName && input ? scalarText(entry.value) : undefined;
    return {
      markdown: value !== undefined ? withValue(markdown, entry.name, value, input ?? {}, action) : markdown,
      span: inName ? entry.nameSpan : entry.value.span,
    };
  }
  return undefined;
}

/** A scalar's text as a value of a string member; a YAML `EngineVersion: 8.0` is a number: its text as written is the version. */
function scalarText(node: ValueNode): string | undefined {
  if (node.kind !== 'scalar') return undefined;
  return typeof node.value === 'string' ? node.value : typeof node.value === 'number' ? (node.raw ?? String(node.value)) : undefined;
}

function nestedHover(action: string | undefined, shapeName: string, value: ValueNode, offset: number): HoverInfo | undefined {
  const shape = serviceModel.shapes[shapeName];
  if (value.kind === 'object' && shape?.type === 'structure') return entryHover(action, shapeName, value.entries, offset);
  if (value.kind === 'list' && shape?.type === 'list' && shape.member) {
    for (const item of value.items) if (contains(item.span, offset)) return nestedHover(action, shape.member.shape, item, offset);
  }
  return undefined;
}

/** The hover at `offset` (UTF-16 code units), or undefined when there is nothing to say. `whole`: as for complete(). */
export function hover(text: string, offset: number, kind: DocumentKind, whole?: Analysis): HoverInfo | undefined {
  const { analysis, base } = analysisAround(text, offset, kind, whole);
  const local = offset - base;
  const request = analysis.requests.find((r) => contains(r.span, local));
  if (!request) return undefined;
  let info: HoverInfo | undefined;
  if (request.kind === 'query') info = queryHover(request, local);
  else {
    const action = request.action?.name ?? 'CreateCacheCluster';
    const input = operationModel(action)?.input;
    info = input ? entryHover(action, input, request.entries, local, request.input) : undefined;
  }
  return info && { markdown: info.markdown, span: { start: info.span.start + base, end: info.span.end + base } };
}
