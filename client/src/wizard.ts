// "Create Cache Cluster…" as a state machine: which steps apply, their items (live from the API where the
// API knows better), validation as you type (the language service's rules), back, and the final SDK input.
// No VS Code imports: the QuickInput driver (wizardUi.ts) only renders what this module decides.
import type { CreateCacheClusterCommandInput, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { type Connection, loadSdk, notFoundExpected } from './connections';
import { type Failure, describeFailure, isClusterNotFound } from './errors';

export interface WizardState {
  connection?: Connection;
  engine?: string;
  engineVersion?: string;
  cacheNodeType?: string;
  numCacheNodes?: number;
  cacheClusterId?: string;
  cacheSubnetGroupName?: string;
  transitEncryption?: boolean;
  /** Held in memory for the create call only; never stored, logged or shown. */
  authToken?: string;
  outcome?: 'create' | 'save';
}

export interface PickItem {
  label: string;
  value: string;
  description?: string;
  detail?: string;
}

/** What the wizard needs from the model and rules (bound to the language service in wizardRules.ts). */
export interface WizardRules {
  /** In the order offered (the first is the suggestion). */
  engines: readonly string[];
  /** One line about an engine, for its row. */
  engineDescription?(engine: string): string | undefined;
  /** The engine's name as AWS writes it (Valkey, Redis OSS, Memcached). */
  engineDisplayName?(engine: string): string | undefined;
  /**
   * The engine versions the model knows that a new cluster can use, in the order offered (supported newest first,
   * then extended support); never deprecated (end-of-life) ones, which CreateCacheCluster refuses.
   */
  modelEngineVersions(engine: string): readonly string[];
  /** Versions from elsewhere (the account) in that same order, without those a new cluster cannot use. */
  accountEngineVersions(engine: string, versions: readonly string[]): string[];
  /** A few words on a version's support status when it is not plain supported (extended support). */
  engineVersionStatus?(engine: string, version: string): string | undefined;
  nodeTypes(engine: string): readonly string[];
  /** One line about a node type (family, generation), for its row. */
  nodeTypeDescription?(nodeType: string): string | undefined;
  /** The node type pre-selected for an engine: a small current-generation one. */
  defaultNodeType?(engine: string): string | undefined;
  /** Why a cluster of the engine cannot have `nodes` nodes, in a sentence; undefined when it can. */
  nodeCountProblem(engine: string, nodes: number): string | undefined;
  validateCacheClusterId(id: string): string | undefined;
  validateAuthToken(token: string): string | undefined;
  /** The first error for `member` of a (partial) CreateCacheCluster input: its rule code (RULES.md) and message. */
  checkMember(input: Record<string, unknown>, member: string): { code: string; message: string } | undefined;
}

/** Live facts for one connection (DescribeCacheEngineVersions, DescribeCacheSubnetGroups). */
export interface WizardServices {
  connections(): Promise<Connection[]>;
  /** A known problem with a connection, shown on its row (e.g. "no credentials"). */
  connectionNote?(connection: Connection): string | undefined;
  engineVersions(connection: Connection, engine: string): Promise<string[]>;
  subnetGroups(connection: Connection): Promise<{ name: string; description?: string }[]>;
  /**
   * Whether a cluster with this id exists on the connection (DescribeCacheClusters with the id): true or false, or
   * undefined when the service could not say (no credentials, network…), which must not block the step.
   */
  clusterExists?(connection: Connection, cacheClusterId: string): Promise<boolean | undefined>;
}

/** The SDK's error for a create with an id already taken (Query error code CacheClusterAlreadyExists). */
export function isClusterAlreadyExists(err: unknown): boolean {
  const e = err as { name?: string; Code?: string } | undefined;
  return e?.name === 'CacheClusterAlreadyExistsFault' || e?.Code === 'CacheClusterAlreadyExists' || e?.Code === 'CacheClusterAlreadyExistsFault';
}

/** Said at the cluster id step when the id is taken on the chosen connection. */
export function clusterExistsMessage(id: string, connection: Connection): string {
  return `Cache cluster "${id}" already exists on ${connection.label}: choose another id.`;
}

/** The value of a row that asks the account again (the UI reloads the step's items instead of accepting it). */
export const RETRY_VALUE = '\u0000retry';

/** The button on a failed create from the wizard: the wizard again, with every answer kept. */
export const REOPEN_WIZARD = 'Reopen Wizard';

/**
 * How a wizard whose create failed reopens: with its answers, at the failure's step; but when the create went to
 * another connection than the wizard's (Use Local, another profile), at the connection step, so that choosing it
 * there re-checks what depends on the connection (versions, subnet groups, the id).
 */
export function reopenAfterFailure(state: WizardState, target: Connection, resumeAt: StepId): { initial: Partial<WizardState>; resumeAt: StepId } {
  return target.id === state.connection?.id ? { initial: { ...state, connection: target }, resumeAt } : { initial: state, resumeAt: 'connection' };
}

/**
 * What to say when the wizard's create failed, without the raw error code: what happened, then what to do; and
 * where a reopened wizard starts (the id when it was taken, else the review).
 */
export function createFailure(id: string, connection: Connection, err: unknown): { message: string; resumeAt: StepId } {
  if (isClusterAlreadyExists(err)) {
    return {
      message: `Cache cluster "${id}" already exists on ${connection.label}, so it was not created. Reopen the wizard to choose another id: your other answers are kept.`,
      resumeAt: 'cacheClusterId',
    };
  }
  const failure = describeFailure(err);
  const what = (failure.kind === 'service' ? (failure.explanation ?? failure.message) : failure.message).replace(/[.\s]+$/, '');
  return {
    message: `Cache cluster "${id}" was not created on ${connection.label}: ${what}. Reopen the wizard to change the settings: your answers are kept.`,
    resumeAt: 'review',
  };
}

export type StepId =
  | 'connection'
  | 'engine'
  | 'engineVersion'
  | 'cacheNodeType'
  | 'numCacheNodes'
  | 'cacheClusterId'
  | 'cacheSubnetGroupName'
  | 'transitEncryption'
  | 'authToken'
  | 'review';

export interface Step {
  id: StepId;
  kind: 'pick' | 'input';
  title: string;
  placeholder: string;
  password?: boolean;
}

const NO_SUBNET_GROUP = '';

/**
 * The wizard's own wording for rules whose message tells how to fix a request file (add a member): in the wizard,
 * the fix is another answer.
 */
const WIZARD_WORDING: Record<string, string> = {
  'transit-encryption-subnet-group': 'In-transit encryption needs a cluster in a VPC: go back and choose a subnet group.',
};
/** Review rows that go back to a step carry this prefix before the step id. */
const EDIT = 'edit:';

/** The review's rows: the request member each step sets (the connection is not part of the request). */
const reviewRows: { step: StepId; label: string }[] = [
  { step: 'connection', label: 'Connection' },
  { step: 'engine', label: 'Engine' },
  { step: 'engineVersion', label: 'EngineVersion' },
  { step: 'cacheNodeType', label: 'CacheNodeType' },
  { step: 'numCacheNodes', label: 'NumCacheNodes' },
  { step: 'cacheClusterId', label: 'CacheClusterId' },
  { step: 'cacheSubnetGroupName', label: 'CacheSubnetGroupName' },
  { step: 'transitEncryption', label: 'TransitEncryptionEnabled' },
  { step: 'authToken', label: 'AuthToken' },
];
const isRedisLike = (engine?: string): boolean => engine === 'redis' || engine === 'valkey';

const allSteps: (Step & { applies(s: WizardState): boolean })[] = [
  { id: 'connection', kind: 'pick', title: 'Connection', placeholder: 'Where to create the cluster', applies: () => true },
  { id: 'engine', kind: 'pick', title: 'Engine', placeholder: 'Cache engine', applies: () => true },
  { id: 'engineVersion', kind: 'pick', title: 'Engine version', placeholder: 'Engine version (supported first, newest first)', applies: () => true },
  { id: 'cacheNodeType', kind: 'pick', title: 'Node type', placeholder: 'Compute and memory capacity of each node', applies: () => true },
  { id: 'numCacheNodes', kind: 'input', title: 'Number of nodes', placeholder: 'Number of cache nodes', applies: (s) => s.engine === 'memcached' },
  { id: 'cacheClusterId', kind: 'input', title: 'Cluster id', placeholder: 'Cluster identifier, e.g. my-cache', applies: () => true },
  { id: 'cacheSubnetGroupName', kind: 'pick', title: 'Subnet group', placeholder: 'Cache subnet group: the VPC subnets the cluster runs in', applies: () => true },
  { id: 'transitEncryption', kind: 'pick', title: 'Encryption in transit', placeholder: 'TLS between clients and nodes', applies: (s) => isRedisLike(s.engine) },
  {
    id: 'authToken',
    kind: 'input',
    title: 'AUTH token',
    placeholder: 'Password for AUTH (optional; leave empty for none). Never stored or logged.',
    password: true,
    applies: (s) => isRedisLike(s.engine) && s.transitEncryption === true,
  },
  { id: 'review', kind: 'pick', title: 'Review', placeholder: 'Create the cluster, or save the request as a file', applies: () => true },
];

/** After a network failure, a last row that asks the account again (another try may get through). */
function retryRow(failure: Failure | undefined, what: string): PickItem[] {
  return failure?.kind === 'network' ? [{ label: '$(refresh) Retry', value: RETRY_VALUE, description: `${what} again` }] : [];
}

function stepsFor(state: WizardState): Step[] {
  return allSteps.filter((s) => s.applies(state));
}

export class CreateClusterWizard {
  readonly state: WizardState;
  private history: StepId[] = [];
  private currentId: StepId | undefined = 'connection';
  /** Text typed into an input step and left with Back, offered again when the step comes back. */
  private drafts = new Map<StepId, string>();
  /** Set when a review row sent the user back to one step: accepting it returns to the review. */
  private editing = false;
  /** Steps passed before whose answer a later change made stale: asked again even when editing from the review. */
  private stale = new Set<StepId>();
  /** Said above the current step's items when they are not what the account would list (set by items()). */
  private itemsNote: string | undefined;

  /** The last id checked against a connection's clusters and what the check said (accept checks what the UI checked). */
  private existenceChecked: { key: string; message: string | undefined } | undefined;

  /**
   * `resumeAt`: reopen a finished wizard's answers (`initial`) at that step as if changed from the review: every
   * step counts as answered, accepting the step returns to the review, Back goes to the review.
   */
  constructor(
    private readonly services: WizardServices,
    private readonly rules: WizardRules,
    initial: Partial<WizardState> = {},
    resumeAt?: StepId,
  ) {
    this.state = { ...initial, outcome: undefined };
    if (resumeAt) {
      const steps = this.steps().map((x) => x.id);
      this.history = [...steps.filter((x) => x !== 'review'), ...(resumeAt === 'review' ? [] : (['review'] as StepId[]))];
      this.currentId = steps.includes(resumeAt) ? resumeAt : 'review';
      this.editing = this.currentId !== 'review';
    }
  }

  get done(): boolean {
    return this.currentId === undefined;
  }

  steps(): Step[] {
    return stepsFor(this.state).map((step) => (step.id === 'authToken' ? { ...step, placeholder: this.authTokenPlaceholder() } : step));
  }

  /** The AUTH step names the chosen engine: Valkey's AUTH is not "Redis AUTH". */
  private authTokenPlaceholder(): string {
    const engine = this.state.engine ?? '';
    const name = this.rules.engineDisplayName?.(engine) ?? engine;
    return `Password for ${name} AUTH (optional; leave empty for none). Never stored or logged.`;
  }

  current(): Step | undefined {
    return this.steps().find((s) => s.id === this.currentId);
  }

  /**
   * 1-based position among the steps that apply now, with no total: the number of steps is not known before the
   * engine is chosen (the engines ask different ones), and a counter that gains a total part-way ("2", then "3/9")
   * reads as inconsistent. Counting applicable steps only, the number grows by one per step (no gap for a skipped
   * AUTH token step).
   */
  position(): { step: number } {
    return { step: this.steps().findIndex((s) => s.id === this.currentId) + 1 };
  }

  get canGoBack(): boolean {
    return this.history.length > 0;
  }

  /** Goes back one step; `draft` is what was typed in the step being left (kept for when it comes back). */
  back(draft?: string): void {
    const leaving = this.currentId;
    if (leaving && draft !== undefined && !this.current()?.password) this.drafts.set(leaving, draft);
    const previous = this.history.pop();
    if (previous) this.currentId = previous;
    if (previous === 'review') this.editing = false;
  }

  /** The value to pre-fill (input) or pre-select (pick) for the current step. */
  currentValue(): string | undefined {
    const s = this.state;
    switch (this.currentId) {
      case 'connection':
        return s.connection?.id;
      case 'engine':
        return s.engine;
      case 'engineVersion':
        return s.engineVersion;
      case 'cacheNodeType':
        return s.cacheNodeType ?? this.rules.defaultNodeType?.(s.engine ?? '');
      case 'numCacheNodes':
        return this.drafts.get('numCacheNodes') ?? String(s.numCacheNodes ?? 1);
      case 'cacheClusterId':
        return this.drafts.get('cacheClusterId') ?? s.cacheClusterId;
      case 'cacheSubnetGroupName':
        return s.cacheSubnetGroupName ?? (this.history.includes('cacheSubnetGroupName') ? NO_SUBNET_GROUP : undefined);
      case 'transitEncryption':
        return s.transitEncryption ? 'enabled' : 'disabled';
      default:
        return undefined;
    }
  }

  /**
   * A note about the items items() last returned, when they are not the account's own: e.g. without AWS credentials
   * the versions are the extension's model and the subnet groups cannot be listed.
   */
  note(): string | undefined {
    return this.itemsNote;
  }

  async items(): Promise<PickItem[]> {
    const s = this.state;
    this.itemsNote = undefined;
    switch (this.currentId) {
      case 'connection':
        return (await this.services.connections()).map((c) => {
          const note = this.services.connectionNote?.(c);
          return {
            label: note ? `${c.label} (${note})` : c.label,
            value: c.id,
            description: c.kind === 'local' ? 'free, on this machine' : `billed per node-hour · ${c.region}`,
          };
        });
      case 'engine':
        return this.rules.engines.map((e) => ({ label: e, value: e, description: this.rules.engineDescription?.(e) }));
      case 'engineVersion': {
        const engine = s.engine ?? '';
        let versions: readonly string[];
        let failure: Failure | undefined;
        try {
          versions = this.rules.accountEngineVersions(engine, await this.services.engineVersions(this.requireConnection(), engine));
        } catch (err) {
          // Without (working) credentials or a network the account cannot be asked; the model knows the versions a
          // new cluster can use.
          failure = this.accountUnavailable(err);
          versions = this.rules.modelEngineVersions(engine);
          this.itemsNote = `${failure.title}: versions known to the extension, not read from your account`;
        }
        return [
          ...versions.map((v, i) => {
            const status = this.rules.engineVersionStatus?.(engine, v);
            return { label: v, value: v, description: status ?? (i === 0 ? 'latest' : undefined) };
          }),
          ...retryRow(failure, 'read the versions from your account'),
        ];
      }
      case 'cacheNodeType':
        return this.rules.nodeTypes(s.engine ?? '').map((t) => ({ label: t, value: t, description: this.rules.nodeTypeDescription?.(t) }));
      case 'cacheSubnetGroupName': {
        let groups: { name: string; description?: string }[] = [];
        let failure: Failure | undefined;
        try {
          groups = await this.services.subnetGroups(this.requireConnection());
        } catch (err) {
          // Subnet groups belong to the account: without it there are none to offer, only none at all.
          failure = this.accountUnavailable(err);
          this.itemsNote = `${failure.title}: your account's subnet groups cannot be listed`;
        }
        return [
          ...groups.map((g) => ({ label: g.name, value: g.name, description: g.description })),
          { label: 'No subnet group', value: NO_SUBNET_GROUP, description: 'outside a VPC: no encryption in transit' },
          ...retryRow(failure, "list your account's subnet groups"),
        ];
      }
      case 'transitEncryption':
        return [
          { label: 'Disabled', value: 'disabled' },
          {
            label: 'Enabled',
            value: 'enabled',
            description: 'TLS only; optionally protect with an AUTH token',
            detail: this.validate('enabled'),
          },
        ];
      case 'review':
        return [
          { label: '$(cloud-upload) Create cluster', value: 'create', description: s.connection?.label },
          {
            label: '$(save) Save as request file…',
            value: 'save',
            // Naming what is left out only when there is something to leave out.
            description: s.authToken ? 'as a *.elasticache.json file, without the AUTH token' : 'as a *.elasticache.json file',
          },
          ...this.reviewSettings(),
        ];
      default:
        return [];
    }
  }

  /** Validation as you type, for input steps; undefined when the text is acceptable. */
  validate(text: string): string | undefined {
    switch (this.currentId) {
      case 'numCacheNodes': {
        if (!/^\s*\d+\s*$/.test(text)) return 'Enter a whole number of nodes.';
        const n = Number(text);
        return this.rules.nodeCountProblem(this.state.engine ?? '', n) ?? this.checkMember({ ...this.input(), NumCacheNodes: n }, 'NumCacheNodes');
      }
      case 'cacheClusterId':
        return this.rules.validateCacheClusterId(text) ?? this.checkMember({ ...this.input(), CacheClusterId: text }, 'CacheClusterId');
      case 'authToken':
        return text === '' ? undefined : (this.rules.validateAuthToken(text) ?? this.checkMember({ ...this.input(), AuthToken: text }, 'AuthToken'));
      case 'transitEncryption':
        // e.g. a VPC (subnet group) and a recent enough engine version are needed.
        return text === 'enabled' ? this.checkMember({ ...this.input(), TransitEncryptionEnabled: true }, 'TransitEncryptionEnabled') : undefined;
      default:
        return undefined;
    }
  }

  /**
   * validate(), then what only the service knows: at the cluster id step, whether the connection already has a
   * cluster with that id. A check that fails (credentials, network) does not block: the create reports it.
   */
  async check(text: string): Promise<string | undefined> {
    const error = this.validate(text);
    if (error || this.currentId !== 'cacheClusterId') return error;
    const connection = this.state.connection;
    const id = text.trim();
    if (!connection || !this.services.clusterExists) return undefined;
    const key = `${connection.id}\n${id}`;
    if (this.existenceChecked?.key === key) return this.existenceChecked.message;
    let exists: boolean | undefined;
    try {
      exists = await this.services.clusterExists(connection, id);
    } catch {
      exists = undefined;
    }
    const message = exists === true ? clusterExistsMessage(id, connection) : undefined;
    // Only a definite answer is remembered: an unknown one is asked again next time.
    this.existenceChecked = exists === undefined ? undefined : { key, message };
    return message;
  }

  /** A rule's error for one member of the request the answers make, in the wizard's words. */
  private checkMember(input: Record<string, unknown>, member: string): string | undefined {
    const issue = this.rules.checkMember(input, member);
    return issue && (WIZARD_WORDING[issue.code] ?? issue.message);
  }

  /** Apply the user's answer for the current step and move on. Returns an error message instead when invalid. */
  async accept(value: string): Promise<string | undefined> {
    const step = this.currentId;
    if (!step) return 'The wizard is finished.';
    const s = this.state;
    if (value === RETRY_VALUE) return 'Choose one of the items (Retry asks the account again).';
    const error = await this.check(value);
    if (error) return error;
    switch (step) {
      case 'connection': {
        const connection = (await this.services.connections()).find((c) => c.id === value);
        if (!connection) return `Unknown connection ${value}.`;
        if (connection.id !== s.connection?.id) {
          s.engineVersion = undefined;
          s.cacheSubnetGroupName = undefined;
          this.stale.add('cacheSubnetGroupName');
          // The id was checked against the other connection's clusters: asked (and checked) again.
          if (s.cacheClusterId) this.stale.add('cacheClusterId');
        }
        s.connection = connection;
        break;
      }
      case 'engine':
        if (!this.rules.engines.includes(value)) return `Unknown engine ${value}.`;
        if (value !== s.engine) {
          s.engineVersion = undefined;
          s.cacheNodeType = undefined;
        }
        s.engine = value;
        if (value === 'memcached') {
          s.transitEncryption = undefined;
          s.authToken = undefined;
        } else {
          s.numCacheNodes = undefined;
        }
        break;
      case 'engineVersion':
        s.engineVersion = value;
        break;
      case 'cacheNodeType':
        s.cacheNodeType = value;
        break;
      case 'numCacheNodes':
        s.numCacheNodes = Number(value);
        break;
      case 'cacheClusterId':
        s.cacheClusterId = value.trim();
        // Asked afresh when the step comes back: the account may have changed meanwhile.
        this.existenceChecked = undefined;
        break;
      case 'cacheSubnetGroupName':
        s.cacheSubnetGroupName = value === NO_SUBNET_GROUP ? undefined : value;
        break;
      case 'transitEncryption':
        s.transitEncryption = value === 'enabled';
        if (!s.transitEncryption) s.authToken = undefined;
        if (s.transitEncryption && !s.authToken) this.stale.add('authToken');
        break;
      case 'authToken':
        s.authToken = value === '' ? undefined : value;
        break;
      case 'review': {
        const target = value.startsWith(EDIT) ? (value.slice(EDIT.length) as StepId) : undefined;
        if (target && this.steps().some((x) => x.id === target && x.id !== 'review')) {
          this.history.push(step);
          this.currentId = target;
          this.editing = true;
          return undefined;
        }
        if (value !== 'create' && value !== 'save') return 'Choose Create cluster or Save as request file.';
        s.outcome = value;
        break;
      }
    }
    this.drafts.delete(step);
    this.stale.delete(step);
    this.history.push(step);
    const steps = this.steps();
    const index = steps.findIndex((x) => x.id === step);
    // Changing one setting from the review: on to the next step that has no answer yet (a new engine needs a
    // version), else straight back to the review.
    const next = this.editing ? steps.slice(index + 1).find((x) => x.id === 'review' || !this.answered(x.id)) : steps[index + 1];
    this.currentId = next?.id;
    if (this.currentId === 'review') this.editing = false;
    return undefined;
  }

  /** Whether the state holds an answer for a step (optional steps count as answered once passed). */
  private answered(step: StepId): boolean {
    const s = this.state;
    switch (step) {
      case 'connection':
        return s.connection !== undefined;
      case 'engine':
        return s.engine !== undefined;
      case 'engineVersion':
        return s.engineVersion !== undefined;
      case 'cacheNodeType':
        return s.cacheNodeType !== undefined;
      case 'numCacheNodes':
        return s.numCacheNodes !== undefined;
      case 'cacheClusterId':
        return !!s.cacheClusterId && !this.stale.has(step);
      case 'transitEncryption':
        return s.transitEncryption !== undefined;
      case 'cacheSubnetGroupName':
      case 'authToken':
        return this.history.includes(step) && !this.stale.has(step);
      default:
        return false;
    }
  }

  /** One review row per setting (label: the request member, description: its value); choosing one goes back to its step. */
  private reviewSettings(): PickItem[] {
    const s = this.state;
    const input = this.input();
    const steps = new Set(this.steps().map((x) => x.id));
    const value = (step: StepId): string | undefined => {
      switch (step) {
        case 'connection':
          return s.connection?.label;
        case 'authToken':
          return s.authToken ? '••••••••' : 'none';
        case 'cacheSubnetGroupName':
          return s.cacheSubnetGroupName ?? 'none';
        case 'transitEncryption':
          return s.transitEncryption ? 'true' : 'false';
        default: {
          const member = reviewRows.find((r) => r.step === step)!.label as keyof typeof input;
          const v = input[member];
          return v === undefined ? undefined : String(v);
        }
      }
    };
    return reviewRows
      .filter((r) => steps.has(r.step))
      .map((r) => ({ label: r.label, value: `${EDIT}${r.step}`, description: value(r.step) ?? '', detail: undefined }));
  }

  /** The CreateCacheCluster input the choices so far amount to. */
  input(): CreateCacheClusterCommandInput {
    const s = this.state;
    const input: CreateCacheClusterCommandInput = {
      CacheClusterId: s.cacheClusterId ?? '',
      Engine: s.engine,
      EngineVersion: s.engineVersion,
      CacheNodeType: s.cacheNodeType,
      NumCacheNodes: s.engine === 'memcached' ? (s.numCacheNodes ?? 1) : 1,
      CacheSubnetGroupName: s.cacheSubnetGroupName,
      TransitEncryptionEnabled: s.transitEncryption || undefined,
      AuthToken: s.authToken,
    };
    return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')) as CreateCacheClusterCommandInput;
  }

  /** The request to save or show: the AUTH token is never part of it. */
  requestWithoutSecrets(): Record<string, unknown> {
    const { AuthToken: _omitted, ...rest } = this.input();
    return rest;
  }

  /**
   * The failure when the wizard can go on without the account: credentials (the user can fix them, or create on
   * Local) or the network (the create reports it, or the request is saved as a file). Anything else is rethrown.
   */
  private accountUnavailable(err: unknown): Failure {
    const failure = describeFailure(err);
    if (failure.action !== 'configure' && failure.kind !== 'network') throw err;
    return failure;
  }

  private requireConnection(): Connection {
    if (!this.state.connection) throw new Error('Choose a connection first.');
    return this.state.connection;
  }
}

/** Live wizard facts through the SDK, for any connection. */
export function sdkWizardServices(
  connections: () => Promise<Connection[]>,
  clientFor: (c: Connection) => Promise<ElastiCacheClient>,
): WizardServices {
  return {
    connections,
    async engineVersions(connection, engine) {
      const { paginateDescribeCacheEngineVersions } = await loadSdk();
      const versions: string[] = [];
      for await (const page of paginateDescribeCacheEngineVersions({ client: await clientFor(connection) }, { Engine: engine })) {
        for (const v of page.CacheEngineVersions ?? []) if (v.EngineVersion && !versions.includes(v.EngineVersion)) versions.push(v.EngineVersion);
      }
      return versions;
    },
    async subnetGroups(connection) {
      const { paginateDescribeCacheSubnetGroups } = await loadSdk();
      const groups: { name: string; description?: string }[] = [];
      for await (const page of paginateDescribeCacheSubnetGroups({ client: await clientFor(connection) }, {})) {
        for (const g of page.CacheSubnetGroups ?? []) {
          if (g.CacheSubnetGroupName) groups.push({ name: g.CacheSubnetGroupName, description: [g.VpcId, g.CacheSubnetGroupDescription].filter(Boolean).join(' · ') });
        }
      }
      return groups;
    },
    async clusterExists(connection, cacheClusterId) {
      const { DescribeCacheClustersCommand } = await loadSdk();
      try {
        const out = await (await clientFor(connection)).send(notFoundExpected(new DescribeCacheClustersCommand({ CacheClusterId: cacheClusterId })));
        return (out.CacheClusters ?? []).some((c) => c.CacheClusterId === cacheClusterId);
      } catch (err) {
        if (isClusterNotFound(err)) return false;
        return undefined;
      }
    },
  };
}
