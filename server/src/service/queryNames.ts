// The Query-form names of a structure's leaves, from the service model: a Query request gives scalars only, so a
// nested structure is written as its members' paths (`DestinationDetails.CloudWatchLogsDetails.LogGroup`) and a
// list as its items (`ReplicaAvailabilityZones.AvailabilityZone.N`). Completion offers these names, hover shows them.
import { serviceModel } from '../model/generated/serviceModel';
import type { MemberModel } from '../model/serviceModelTypes';

export interface QueryLeaf {
  /** The name below the structure, with `N` for each list item number (`ReplicaAvailabilityZones.AvailabilityZone.N`). */
  name: string;
  /** The structure that has the leaf member, and that member (for a list of scalars: the list member). */
  owner: string;
  member: string;
  model: MemberModel;
}

/** Deeper than any input of the model; only a guard against a shape that contains itself. */
const MAX_DEPTH = 8;
const leavesCache = new Map<string, readonly QueryLeaf[]>();

/** The leaves of structure `shapeName` in model order (empty for any other shape). */
export function queryLeaves(shapeName: string): readonly QueryLeaf[] {
  let leaves = leavesCache.get(shapeName);
  if (!leaves) {
    leaves = collect(shapeName, '', 0);
    leavesCache.set(shapeName, leaves);
  }
  return leaves;
}

function collect(owner: string, prefix: string, depth: number): QueryLeaf[] {
  const shape = serviceModel.shapes[owner];
  if (shape?.type !== 'structure' || depth > MAX_DEPTH) return [];
  const out: QueryLeaf[] = [];
  for (const [member, model] of Object.entries(shape.members ?? {})) {
    const memberShape = serviceModel.shapes[model.shape];
    if (memberShape?.type === 'structure') out.push(...collect(model.shape, `${prefix}${member}.`, depth + 1));
    else if (memberShape?.type === 'list' && memberShape.member) {
      const item = `${prefix}${member}.${memberShape.member.locationName ?? 'member'}.N`;
      if (serviceModel.shapes[memberShape.member.shape]?.type === 'structure') out.push(...collect(memberShape.member.shape, `${item}.`, depth + 1));
      else out.push({ name: item, owner, member, model });
    } else out.push({ name: `${prefix}${member}`, owner, member, model });
  }
  return out;
}
