// Core types of the pure language service. No LSP or VS Code imports anywhere under server/src/service.
// Offsets are UTF-16 code-unit offsets into the document text (what TextDocument.positionAt takes).

export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** How the local endpoint reports an error finding to an API caller (ErrorResponse Code). */
export type AwsErrorCode =
  | 'InvalidParameterValue'
  | 'InvalidParameterCombination'
  | 'MissingParameter'
  | 'InvalidAction';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
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
}

export interface ListNode {
  kind: 'list';
  items: ValueNode[];
  span: Span;
}

export interface ObjectNode {
  kind: 'object';
  entries: Entry[];
  span: Span;
}

/** A named member as written (top-level parameter, or a structure member such as Tag.Key). */
export interface Entry {
  name: string;
  nameSpan: Span;
  value: ValueNode;
}

/** Member path inside an SDK-shaped input, e.g. ['SnapshotArns', 0] or ['Tags', 1, 'Key']. */
export type MemberPath = (string | number)[];
