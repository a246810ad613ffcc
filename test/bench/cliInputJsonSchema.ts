// A JSON Schema (draft-07) for an action's AWS CLI input file (`--cli-input-json`), generated from the same
// service model the language service uses. The benchmark validates with it through vscode-json-languageservice
// to compare a general-purpose JSON Schema validator with the ElastiCache analysis on the same request.
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import type { ShapeModel } from '../../server/src/model/serviceModelTypes';

export interface JsonSchema {
  [keyword: string]: unknown;
}

function shapeSchema(shape: ShapeModel, definitions: Record<string, JsonSchema>): JsonSchema {
  switch (shape.type) {
    case 'structure': {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        properties[name] = { ...ref(member.shape, definitions), ...(member.documentation ? { markdownDescription: member.documentation } : {}) };
      }
      return { type: 'object', properties, additionalProperties: false, ...(shape.required?.length ? { required: shape.required } : {}) };
    }
    case 'list':
      return { type: 'array', ...(shape.member ? { items: ref(shape.member.shape, definitions) } : {}), ...(shape.min !== undefined ? { minItems: shape.min } : {}), ...(shape.max !== undefined ? { maxItems: shape.max } : {}) };
    case 'map':
      return { type: 'object' };
    case 'integer':
    case 'long':
      return { type: 'integer', ...(shape.min !== undefined ? { minimum: shape.min } : {}), ...(shape.max !== undefined ? { maximum: shape.max } : {}) };
    case 'double':
    case 'float':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'timestamp':
    case 'blob':
    case 'string':
    default:
      return {
        type: 'string',
        ...(shape.enum ? { enum: shape.enum } : {}),
        ...(shape.min !== undefined ? { minLength: shape.min } : {}),
        ...(shape.max !== undefined ? { maxLength: shape.max } : {}),
        ...(shape.pattern ? { pattern: shape.pattern } : {}),
      };
  }
}

function ref(shapeName: string, definitions: Record<string, JsonSchema>): JsonSchema {
  if (!definitions[shapeName]) {
    const shape = serviceModel.shapes[shapeName];
    definitions[shapeName] = {}; // placeholder first: recursive shapes terminate
    definitions[shapeName] = shape ? shapeSchema(shape, definitions) : {};
  }
  return { $ref: `#/definitions/${shapeName}` };
}

/** The JSON Schema of `aws elasticache <action> --cli-input-json` for `action` (default CreateCacheCluster). */
export function cliInputJsonSchema(action = 'CreateCacheCluster'): JsonSchema {
  const input = serviceModel.operations[action]?.input;
  if (!input) throw new Error(`unknown action ${action}`);
  const definitions: Record<string, JsonSchema> = {};
  const root = shapeSchema(serviceModel.shapes[input], definitions);
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: `${action} CLI input`, ...root, definitions };
}
