// Where a create goes, decided before anything is sent: on AWS, credentials first (confirming a bill for a cluster
// that cannot be created is no help), then the billing confirmation. Without credentials the user can configure a
// profile and the create carries on from there (the same request, in the same Region), or use Local instead.
// A profile whose own Region differs leaves the explorer listing that Region only: the create's Region is then added
// to the listed Regions (said in the billing confirmation), so the new, billed cluster shows, now and after a reload.
// No VS Code imports: commands.ts supplies the dialogs (CreatePrompts); the tests answer them.
import { nodeCount } from './clusterView';
import { type Connection, awsConnection } from './connections';
import type { Failure } from './errors';

/** A modal question: the message, the detail under it and the buttons (cancel is always offered by the dialog). */
export interface Question {
  message: string;
  detail: string;
  buttons: string[];
}

/** What the Configure AWS Profile picker ended with. */
export type ProfileChoice = { kind: 'profile'; profile: string } | { kind: 'local' } | { kind: 'docs' };

export interface CreatePrompts {
  /** Resolves an AWS connection's credentials now (fresh). */
  checkCredentials(connection: Connection): Promise<Failure | undefined>;
  /** Modal; the button chosen (one of question.buttons), or undefined when dismissed. */
  ask(question: Question): Promise<string | undefined>;
  /**
   * The Configure AWS Profile picker (profiles, Use Local, how to configure credentials); `offerLocal` false leaves
   * Use Local out (Local would refuse the request).
   */
  configureProfile(offerLocal: boolean): Promise<ProfileChoice | undefined>;
  /** Non-modal: offers to continue once the user has configured credentials elsewhere; true when they chose to. */
  offerToContinue(message: string, button: string): Promise<boolean>;
  /** The connections as configured now (after a profile was chosen: that profile's). */
  connections(): Promise<Connection[]>;
  /** Sets the Regions the explorer lists (elasticache.regions) and refreshes it. */
  listRegions(regions: string[]): Promise<void>;
  /** The Local connection, started when it is not running. */
  localConnection(): Promise<Connection | undefined>;
}

export const CONFIGURE_PROFILE = 'Configure AWS Profile';
export const USE_LOCAL = 'Use Local';
export const CREATE_BILLED = 'Create (billed per node-hour)';
export const CONTINUE_CREATE = 'Continue Create';

export interface CreateRequestSummary {
  CacheClusterId?: string;
  CacheNodeType?: string;
  NumCacheNodes?: number;
  /** A CreateReplicationGroup request: its id and what replicationGroupNodes counts (nodes undefined: not said). */
  replicationGroup?: { id?: string; nodeGroups: number; nodes?: number };
  /** Why the Local endpoint would refuse the request (localCannotCreate: it does not run cluster mode (…)). */
  localCannotCreate?: string;
}

/** What a create makes: a cluster, or a replication group. */
export type CreatedKind = 'cluster' | 'replication group';

/** What a create makes, with its id: `cache cluster "a"`, `replication group "b"`. */
export function createdThing(id: string, kind: CreatedKind = 'cluster'): string {
  return kind === 'replication group' ? `replication group "${id}"` : `cache cluster "${id}"`;
}

/**
 * The question after a credential failure: the problem first, then the ways on. `localCannotCreate` (why the Local
 * endpoint would refuse the request): Use Local is not offered, and the detail says why.
 */
export function credentialQuestion(connection: Connection, id: string, failure: Failure, noun: CreatedKind = 'cluster', localCannotCreate?: string): Question {
  const noCredentials = failure.kind === 'noCredentials';
  const thing = createdThing(id, noun);
  const configure = noCredentials
    ? 'Configure a profile (aws configure, aws sso login) and choose it: the create then continues.'
    : 'Choose a working profile: the create then continues.';
  const local = localCannotCreate
    ? `The free Local endpoint cannot create this ${noun} instead: it ${localCannotCreate}.`
    : `Or create the ${noun} on the free Local endpoint on this machine instead.`;
  return {
    message: noCredentials
      ? `No AWS credentials found for profile ${connection.profile}: ${thing} cannot be created in ${connection.region}.`
      : failure.message,
    detail: `${configure} ${local}`,
    buttons: localCannotCreate ? [CONFIGURE_PROFILE] : [CONFIGURE_PROFILE, USE_LOCAL],
  };
}

/**
 * The create's progress notification, one clause per fact: what is created, where when it is not where the request
 * is written for (Local asks nothing, so its progress says it), and what Cancel does. The status follows the message.
 */
export function createProgressText(id: string, writtenFor?: string): { title: string; following: string } {
  return {
    title: writtenFor ? `ElastiCache: creating ${id} on the Local endpoint (written for ${writtenFor})` : `ElastiCache: creating ${id}`,
    following: 'Cancel stops following; the creation goes on.',
  };
}

/**
 * When a request written for one Region (its URL's endpoint, which the linter checks it against) is created
 * elsewhere, another Region or the Local endpoint: the problem, in a few words; undefined when it goes there or the
 * request names no Region.
 */
export function regionMismatch(requestRegion: string | undefined, target: Connection): string | undefined {
  if (!requestRegion || (target.kind === 'aws' && target.region === requestRegion)) return undefined;
  return `The request is written for ${requestRegion}`;
}

/**
 * The billing confirmation on AWS: it says that the cluster costs money from the moment it is available, and, when
 * the explorer does not list the create's Region (`listed`: the Regions it lists now), that the Region is added.
 * A request written for another Region (`requestRegion`) says so first.
 */
export function billingQuestion(connection: Connection, input: CreateRequestSummary, listed?: readonly string[], requestRegion?: string): Question {
  const group = input.replicationGroup;
  const nodes = group ? group.nodes : (input.NumCacheNodes ?? 1);
  const what = group ? 'replication group' : 'cluster';
  // A replication group's nodes: its primary and replicas, per node group (shard) when it has several.
  const roles = !group
    ? ''
    : group.nodeGroups > 1
      ? ` (${group.nodeGroups} node groups, each a primary and its replicas)`
      : nodes === 1
        ? ' (a primary, no replicas)'
        : ` (a primary and ${nodes! - 1} replica${nodes === 2 ? '' : 's'})`;
  const counted = nodes === undefined ? `each of its ${input.CacheNodeType ? `${input.CacheNodeType} ` : ''}nodes` : `${nodes === 1 ? 'its' : 'each of its'} ${nodeCount(nodes, input.CacheNodeType)}`;
  const bill = `As soon as the ${what} is available you are billed for each hour or partial hour of ${counted}${roles}, even if you do not use it, until you delete it.`;
  const region = listed
    ? `\n\nThe explorer lists ${listed.join(', ') || 'no Region'} for profile ${connection.profile}: ${connection.region} is added to its Regions (setting elasticache.regions) so that it shows the ${group ? "group's clusters" : 'cluster'}.`
    : '';
  const question = `create ${group ? createdThing(group.id ?? '', 'replication group') : createdThing(input.CacheClusterId ?? '')} in ${connection.region} (profile ${connection.profile})`;
  const mismatch = regionMismatch(requestRegion, connection);
  return {
    message: mismatch ? `${mismatch}: ${question} anyway?` : `${question[0]!.toUpperCase()}${question.slice(1)}?`,
    detail:
      (mismatch
        ? `Availability Zones, subnet groups, security groups and SNS topics belong to one Region: those the request names may not exist in ${connection.region}. To create it in ${requestRegion}, cancel and choose that Region's connection.\n\n`
        : '') +
      bill +
      region,
    buttons: [CREATE_BILLED],
  };
}

/**
 * The Regions the explorer must list to show a cluster created on `target`, when it does not list it now (e.g. the
 * profile chosen to resume a create has another Region of its own): the listed Regions of that profile, then the
 * target's. Undefined when the explorer already lists the target.
 */
export function regionsShowing(connections: readonly Connection[], target: Connection): string[] | undefined {
  if (target.kind !== 'aws' || connections.some((c) => c.id === target.id)) return undefined;
  const listed = connections.filter((c) => c.kind === 'aws' && c.profile === target.profile).map((c) => c.region);
  return [...new Set([...listed, target.region])];
}

/** After "How to configure AWS credentials": the create waits for one click instead of being lost. */
export function continueMessage(id: string, kind: CreatedKind = 'cluster'): string {
  const thing = createdThing(id, kind);
  return `${thing[0]!.toUpperCase()}${thing.slice(1)} was not created yet: no AWS credentials. Configure them (aws configure, aws sso login), then continue the create.`;
}

/**
 * The connection a chosen profile gives for the Region the create was for: that profile's connection there when
 * the explorer lists one, else a connection of that profile in the same Region (the Region was the user's choice,
 * with the connection, and the wizard's answers were for it; the profile only supplies credentials).
 */
export function sameRegionConnection(connections: readonly Connection[], was: Connection): Connection | undefined {
  const aws = connections.filter((c) => c.kind === 'aws');
  const first = aws[0];
  if (!first?.profile) return undefined;
  return aws.find((c) => c.region === was.region) ?? awsConnection(first.profile, was.region, first.endpoint);
}

/**
 * The connection to create on, once every question is answered (AWS: credentials found and the bill confirmed;
 * Local: at once), or undefined when the user stopped.
 */
export async function chooseCreateTarget(
  connection: Connection,
  input: CreateRequestSummary,
  prompts: CreatePrompts,
  /** The Region the request is written for (its URL's endpoint), when it names one. */
  requestRegion?: string,
): Promise<Connection | undefined> {
  const id = input.replicationGroup?.id ?? input.CacheClusterId ?? '';
  const kind: CreatedKind = input.replicationGroup ? 'replication group' : 'cluster';
  let target: Connection | undefined = connection;
  while (target?.kind === 'aws') {
    const failure = await prompts.checkCredentials(target);
    if (!failure || failure.action !== 'configure') {
      // Credentials found (or a problem a retry may fix, which the create itself reports): confirm the bill.
      const regions = regionsShowing(await prompts.connections(), target);
      const region = target.region;
      const listedNow = regions?.filter((r) => r !== region);
      const answer = await prompts.ask(billingQuestion(target, input, listedNow, requestRegion));
      if (answer !== CREATE_BILLED) return undefined;
      if (regions) await prompts.listRegions(regions);
      return target;
    }
    const answer = await prompts.ask(credentialQuestion(target, id, failure, kind, input.localCannotCreate));
    if (answer === USE_LOCAL && !input.localCannotCreate) return prompts.localConnection();
    if (answer !== CONFIGURE_PROFILE) return undefined;
    const choice = await prompts.configureProfile(!input.localCannotCreate);
    if (!choice) return undefined;
    if (choice.kind === 'local') return input.localCannotCreate ? undefined : prompts.localConnection();
    // Configuring happens outside the editor (a terminal, the docs): continue on one click.
    if (choice.kind === 'docs' && !(await prompts.offerToContinue(continueMessage(id, kind), CONTINUE_CREATE))) return undefined;
    // Round again with the profile now configured: its credentials are checked, then the bill is confirmed.
    target = sameRegionConnection(await prompts.connections(), target);
  }
  return target;
}
