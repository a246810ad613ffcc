import { serviceModel } from './generated/serviceModel';
import type { OperationModel } from './serviceModelTypes';

/**
 * The model of the action a user named, or undefined. Own keys only: the model's tables are plain objects, so a
 * lookup of `Action=toString` (or `constructor`, `__proto__`) must not find Object.prototype's members.
 */
export function operationModel(name: string | undefined): OperationModel | undefined {
  return name !== undefined && Object.hasOwn(serviceModel.operations, name) ? serviceModel.operations[name] : undefined;
}
