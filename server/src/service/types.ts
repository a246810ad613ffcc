// Core types of the pure language service. No LSP or VS Code imports anywhere under server/src/service.
// Offsets are UTF-16 code-unit offsets into the document text (what TextDocument.positionAt takes).

export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * The ErrorResponse Code AWS answers a finding's request with; the local endpoint answers an error finding with it,
 * and a quota finding (DEFAULT_QUOTA_ERRORS) of any severity.
 */
export type AwsErrorCode =
  | 'InvalidParameterValue'
  | 'InvalidParameterCombination'
  | 'MissingParameter'
  | 'MissingAction'
  | 'InvalidAction'
  | 'NodeQuotaForClusterExceeded'
  // More than 50 tags: "The maximum number of tags permitted on a resource is 50" (service model, the exception shape
  // TagQuotaPerResourceExceeded, an error of every action that takes Tags).
  | 'TagQuotaPerResourceExceeded';

/**
 * Codes AWS answers when a request exceeds an account's quota. The editor only warns (AWS raises quotas on request),
 * but the local endpoint has the default quotas and refuses such a request as AWS does for an account that has them.
 */
export const DEFAULT_QUOTA_ERRORS: ReadonlySet<AwsErrorCode> = new Set<AwsErrorCode>(['NodeQuotaForClusterExceeded']);

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /**
   * The fix picks one way out among several (a default port, another parameter group, another count): offered as a
   * quick fix for the user to choose, never applied by "fix all" (which must not decide values for the user).
   */
  choice?: true;
}

/** One diagnostic: a stable rule `code`, an exact span on the name or the value, and its fixes. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  fixes?: Fix[];
  awsError?: AwsErrorCode;
}

export type DocumentKind = 'query' | 'json' | 'yaml';

/** A value as written in the source, with its position. Query-form scalars are always strings. */
export type ValueNode = ScalarNode | ListNode | ObjectNode;

export interface ScalarNode {
  kind: 'scalar';
  value: string | number | boolean | null;
  span: Span;
  /** Source text of a JSON/YAML number (botocore tells `1` from `1.0`). */
  raw?: string;
  /** Query form: the span of this item's own parameter name (e.g. `SecurityGroupIds.member.2`). */
  nameSpan?: Span;
  /**
   * YAML: a plain scalar the AWS CLI's YAML loader reads as a timestamp (value holds the text as written), or a
   * `!!binary` one, which it reads as bytes (value holds the base64 text).
   */
  tag?: 'timestamp' | 'binary';
  /**
   * JSON: no value is written (`"Engine": }`, `"Engine" }`); YAML: a value under a tag the AWS CLI cannot construct
   * (`!GetAtt …`). A placeholder that json-syntax / yaml-syntax already reports, so no check looks at it (the AWS
   * CLI never gets that far: it cannot read the file). YAML: an alias (`*name`) that is not checked (yaml-alias) or names no anchor (yaml-syntax).
   */
  missing?: true;
  /** YAML: nothing is written after the key's colon (`Engine:`), which YAML reads as null. */
  empty?: true;
  /** YAML: a value given by an alias (`*tok`, at `span`): where the anchored value is written (`&tok …`). */
  anchoredSpan?: Span;
  /** YAML: the anchor on this value (`&name`), when an alias or a merge key names it. */
  aliasedAnchor?: string;
}

export interface ListNode {
  kind: 'list';
  items: ValueNode[];
  span: Span;
  /** Query form: the item numbers as written (to report gaps). */
  indices?: number[];
  nameSpan?: Span;
  /** YAML: the anchor on this value (`&name`), when an alias or a merge key names it. */
  aliasedAnchor?: string;
}

export interface ObjectNode {
  kind: 'object';
  entries: Entry[];
  span: Span;
  nameSpan?: Span;
  /** YAML: the anchor on this value (`&name`), when an alias or a merge key names it. */
  aliasedAnchor?: string;
  /**
   * YAML: a merge key (`<<: *nope`, `<<: 5`) that the AWS CLI's loader cannot merge: the file fails to load, so what the
   * merge would have brought in is unknown and no required member is reported missing (yaml-syntax names the merge).
   */
  mergeFailed?: boolean;
}

/** A named member as written (top-level parameter, or a structure member such as Tag.Key). */
export interface Entry {
  name: string;
  nameSpan: Span;
  value: ValueNode;
  /**
   * A YAML key that YAML reads as null (`~`, `Null`, `NULL`), as written: such an entry has no name (`name` is '').
   * The word `null` itself keeps its name, as the user wrote it.
   */
  nullKey?: string;
  /**
   * JSON/YAML: an empty (or null) occurrence of a key that is also given with a value. The duplicate finding says it
   * and its fix removes it, so no check looks at its value (one finding per mistake). YAML, in a mapping whose merge
   * key brings members in: an occurrence of a key given again later, which the AWS CLI's loader does not read (the
   * last one wins, null too).
   */
  superseded?: true;
}

/** Member path inside an SDK-shaped input, e.g. ['SnapshotArns', 0] or ['Tags', 1, 'Key']. */
export type MemberPath = (string | number)[];

/** One `name=value` pair of a Query-API request as written (protocol parameters included). Read-only. */
export interface QueryParam {
  /** Percent-decoded name, e.g. `SecurityGroupIds.SecurityGroupId.1`. */
  readonly name: string;
  /** Number of the name among the known names (knownNames.ts), or -1. */
  readonly nameId: number;
  /** Percent-decoded value ('' when there is no `=`). */
  readonly value: string;
  readonly nameSpan: Span;
  /** Span of the value as written (empty span right after `=` for an empty value). */
  readonly valueSpan: Span;
  /** Span of the whole `name=value` segment, without the leading `?`/`&` separator. */
  readonly span: Span;
  /** Span of the separator before it (`?` or `&`), if any: deleting `separatorSpan..span.end` removes the parameter. */
  readonly separatorSpan?: Span;
  /** Its whole line including the line break, when the parameter is alone on a continuation line. */
  readonly lineSpan?: Span;
  /** False when the name or value has broken percent-encoding (value then holds the raw text). */
  readonly decoded: boolean;
}

/** One request of a document: a Query URL/form body, or a CLI input (JSON/YAML) file. */
export interface ParsedRequest {
  kind: DocumentKind;
  span: Span;
  /** The action: from `Action=` in the query form; always CreateCacheCluster for CLI input files. */
  action?: { name: string; span: Span };
  /** API members as written (not protocol parameters), with spans on names and values. */
  entries: Entry[];
  /** SDK-shaped input: PascalCase members, numbers/booleans typed, lists as arrays; only members that converted cleanly. */
  input: Record<string, unknown>;
  /** Query form only: every `name=value` pair in order, protocol parameters included. */
  params?: QueryParam[];
  /** Query form only: the URL's host, when the request is written as a URL. */
  host?: { value: string; span: Span };
}

export interface Analysis {
  requests: ParsedRequest[];
  findings: Finding[];
  /**
   * Only when not every finding is listed (a too-many-findings note): the lines whose findings all are, those of the
   * requests around the last edits (none without a focus). A request elsewhere may have errors not listed.
   */
  fullyListed?: Span[];
}

/** A semantic finding on an SDK-shaped input, located by member path (mapped to a span by `analyze`). */
export interface Issue {
  code: string;
  severity: Severity;
  /** With `subject`, holds `{subject}` where the subject's name goes: read it through `issueMessage`. */
  message: string;
  /**
   * The member whose name the message gives, named as the document writes it: rules do not know the form, and a
   * Query request names a list item by its written parameter name (`Tags.Tag.1.Key`), JSON/YAML `Tags (item 1).Key`.
   */
  subject?: MemberPath;
  path: MemberPath;
  target: 'name' | 'value';
  awsError?: AwsErrorCode;
  /** Replacement text for the value (SDK value, rendered per document form by `analyze`) when the fix is unambiguous. */
  fixValue?: string | number | boolean;
  fixTitle?: string;
  /** The fix value is one choice among several ways out (Fix.choice): not for "fix all". */
  fixIsChoice?: true;
}
