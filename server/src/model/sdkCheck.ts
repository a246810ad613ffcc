// Compile-time guard: `npm run typecheck` fails if the AWS SDK's CreateCacheClusterMessage gains a member
// that the generated model lacks (regenerate from a newer service-2.json), or the other way round.
import type { CreateCacheClusterMessage } from '@aws-sdk/client-elasticache';
import type { CreateCacheClusterMemberName } from './generated/serviceModel';

type MissingFromModel = Exclude<keyof CreateCacheClusterMessage, CreateCacheClusterMemberName>;
type MissingFromSdk = Exclude<CreateCacheClusterMemberName, keyof CreateCacheClusterMessage>;

export const sdkMembersAllInModel: [MissingFromModel] extends [never] ? true : MissingFromModel = true;
export const modelMembersAllInSdk: [MissingFromSdk] extends [never] ? true : MissingFromSdk = true;
