import { serviceModel } from './generated/serviceModel';
import type { OperationModel } from './serviceModelTypes';

/**
 * The model of the action a user named, or undefined. Own keys only: the model's tables are plain objects, so a
 * lookup of `Action=toString` (or `constructor`, `__proto__`) must not find Object.prototype's members.
 */
export function operationModel(name: string | undefined): OperationModel | undefined {
  return name !== undefined ? (operationsByName ??= new Map(Object.entries(serviceModel.operations))).get(name) : undefined;
}

/** The model's operations by name, own keys only (a Map: a lookup in the model's large object, twice with the own-key test, ran several times per request). */
let operationsByName: Map<string, OperationModel> | undefined;
