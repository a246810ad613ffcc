// The ElastiCache Query protocol (awsQuery, API 2015-02-02), driven entirely by the generated service model:
// form/query parameters are decoded into SDK-shaped inputs by walking each operation's input shape, and outputs
// are serialized by walking its output shape, so every member the model knows round-trips through the SDK.
import { XMLBuilder } from 'fast-xml-parser';
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import { operationModel } from '../../server/src/model/operations';
import type { ShapeModel } from '../../server/src/model/serviceModelTypes';
import { visibleMessage } from '../../server/src/model/visibleText';

export const xmlNamespace = serviceModel.metadata.xmlNamespace;
export const apiVersion = serviceModel.metadata.apiVersion;

/** An API error with the Code and HTTP status the service model gives its exception shape. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }

  /** An error for a modeled exception shape, e.g. `ApiError.of('CacheClusterNotFoundFault', '…')`. */
  static of(shapeName: string, message: string): ApiError {
    const error = serviceModel.shapes[shapeName]?.error;
    if (!error) throw new Error(`not an exception shape in the service model: ${shapeName}`);
    return new ApiError(error.code, message, error.httpStatusCode, error.senderFault ? 'Sender' : 'Receiver');
  }
}

/** Exception shape names by their wire code (InvalidParameterValue → InvalidParameterValueException). */
export const exceptionShapeByCode: Record<string, string> = Object.fromEntries(
  Object.entries(serviceModel.shapes)
    .filter(([, s]) => s.exception && s.error)
    .map(([name, s]) => [s.error!.code, name]),
);

/** A parameter tree: `Tags.Tag.1.Key=a` becomes `{ Tags: { Tag: { 1: { Key: 'a' } } } }`. */
interface ParamTree {
  [key: string]: ParamTree | string;
}

// Nodes without a prototype: parameter names are the caller's text, and `__proto__.x=1` must be a plain (unknown)
// name, not a way to reach and write Object.prototype.
const emptyNode = (): ParamTree => Object.create(null) as ParamTree;

function buildTree(params: Iterable<[string, string]>): ParamTree {
  const root = emptyNode();
  for (const [key, value] of params) {
    const parts = key.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]];
      if (typeof next === 'object') node = next;
      else node = node[parts[i]] = emptyNode();
    }
    const last = parts[parts.length - 1];
    if (typeof node[last] !== 'object') node[last] = value;
  }
  return root;
}

function shape(name: string): ShapeModel {
  const s = serviceModel.shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  return s;
}

function decodeValue(node: ParamTree | string, shapeName: string, path: string): unknown {
  const s = shape(shapeName);
  switch (s.type) {
    case 'structure': {
      if (typeof node !== 'object') throw ApiError.of('InvalidParameterValueException', `${path} must be a structure`);
      return decodeStructure(node, shapeName, path);
    }
    case 'list': {
      // An empty list is sent as `Name=` (that is how the SDKs serialize []).
      if (node === '') return [];
      if (typeof node !== 'object') {
        throw ApiError.of('InvalidParameterValueException', `${path} must be a list (${path}.member.1=…)`);
      }
      // Both `X.member.N` and the named form `X.<locationName>.N` are accepted.
      const items = (node.member ?? (s.member!.locationName ? node[s.member!.locationName] : undefined) ?? node) as
        | ParamTree
        | string;
      if (typeof items !== 'object') throw ApiError.of('InvalidParameterValueException', `${path} must be a list`);
      return Object.keys(items)
        .filter((k) => /^[1-9]\d*$/.test(k))
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => decodeValue(items[k], s.member!.shape, `${path}.member.${k}`));
    }
    case 'integer':
    case 'long': {
      if (typeof node !== 'string' || !/^-?\d+$/.test(node.trim())) {
        throw ApiError.of('InvalidParameterValueException', `Invalid value for ${path}: it must be an integer`);
      }
      return Number(node);
    }
    case 'double':
    case 'float': {
      const n = typeof node === 'string' ? Number(node) : NaN;
      if (Number.isNaN(n)) throw ApiError.of('InvalidParameterValueException', `Invalid value for ${path}: it must be a number`);
      return n;
    }
    case 'boolean': {
      if (node !== 'true' && node !== 'false') {
        throw ApiError.of('InvalidParameterValueException', `Invalid value for ${path}: it must be true or false`);
      }
      return node === 'true';
    }
    case 'timestamp': {
      const d = typeof node === 'string' ? new Date(node) : new Date(NaN);
      if (Number.isNaN(d.getTime())) throw ApiError.of('InvalidParameterValueException', `Invalid value for ${path}: it must be a timestamp`);
      return d;
    }
    default:
      if (typeof node !== 'string') throw ApiError.of('InvalidParameterValueException', `${path} must be a single value`);
      // Characters XML 1.0 cannot carry would make every later response that echoes the value unreadable.
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(node)) {
        throw ApiError.of('InvalidParameterValueException', `Invalid value for ${path}: it contains control characters`);
      }
      return node;
  }
}

function decodeStructure(node: ParamTree, shapeName: string, path: string): Record<string, unknown> {
  const s = shape(shapeName);
  const out: Record<string, unknown> = {};
  for (const [member, m] of Object.entries(s.members ?? {})) {
    const value = node[member];
    if (value === undefined) continue;
    out[member] = decodeValue(value, m.shape, path ? `${path}.${member}` : member);
  }
  return out;
}

/** Decode Query parameters (Action/Version and auth parameters excluded by the caller) into an SDK-shaped input. */
export function decodeInput(operation: string, params: Iterable<[string, string]>): Record<string, unknown> {
  const inputShape = operationModel(operation)?.input;
  if (!inputShape) return {};
  const input = decodeStructure(buildTree(params), inputShape, '');
  for (const required of shape(inputShape).required ?? []) {
    if (input[required] === undefined) {
      throw new ApiError('MissingParameter', `The request must contain the parameter ${required}`);
    }
  }
  return input;
}

/** The XML value tree of one output value, walked by its shape (lists by their member's locationName). */
function encodeValue(value: unknown, shapeName: string): unknown {
  const s = shape(shapeName);
  switch (s.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const [member, m] of Object.entries(s.members ?? {})) {
        const v = record[member];
        if (v === undefined || v === null) continue;
        out[m.locationName ?? member] = encodeValue(v, m.shape);
      }
      return out;
    }
    case 'list': {
      const items = (value as unknown[]).map((item) => encodeValue(item, s.member!.shape));
      return items.length === 0 ? '' : { [s.member!.locationName ?? 'member']: items };
    }
    case 'timestamp':
      return (value instanceof Date ? value : new Date(String(value))).toISOString();
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

// Characters XML 1.0 cannot carry at all, not even as character references (https://www.w3.org/TR/xml/#charsets):
// a reply holding one is not well-formed, and botocore/the SDKs fail to parse it ("not well-formed (invalid token)").
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Element content: markup characters escaped, characters XML cannot carry replaced by U+FFFD, and CR written as
 * `&#13;`: a parser reads a raw CR (or CR LF) as LF (https://www.w3.org/TR/xml/#sec-line-ends), so a value's CR would
 * come back as LF.
 */
function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(notXmlChar, '\uFFFD');
}

/** Attribute values: also LF and tab as references, which a parser would read as spaces (https://www.w3.org/TR/xml/#AVNormalize). */
function xmlAttribute(value: string): string {
  return xmlText(value).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

// Escaping is ours (processEntities off), so that every value, whatever its characters, gives well-formed XML.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => (typeof value === 'string' ? xmlText(value) : value),
  attributeValueProcessor: (_name: string, value: unknown) => (typeof value === 'string' ? xmlAttribute(value) : value),
});

/** `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata><RequestId>…` */
export function encodeResponse(operation: string, output: Record<string, unknown> | undefined, requestId: string): string {
  const op = serviceModel.operations[operation];
  const body: Record<string, unknown> = { '@_xmlns': xmlNamespace };
  if (op.output && op.resultWrapper) body[op.resultWrapper] = encodeValue(output ?? {}, op.output);
  body.ResponseMetadata = { RequestId: requestId };
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ [`${operation}Response`]: body });
}

/** `<ErrorResponse xmlns=…><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function encodeError(error: ApiError, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    builder.build({
      ErrorResponse: {
        '@_xmlns': xmlNamespace,
        Error: { Type: error.type, Code: error.code, Message: visibleMessage(error.message) },
        RequestId: requestId,
      },
    })
  );
}

export function isKnownOperation(name: string): boolean {
  return operationModel(name) !== undefined;
}
