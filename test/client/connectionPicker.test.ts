// The connection picker of "Create from Request" for a replication group: Local runs cluster mode disabled only, so a
// cluster-mode-enabled request offers the AWS connections first and Local last, saying why; one that Local can create
// is offered as before. Pure: the request is the language service's reading of a real Query file, no endpoint runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awsConnection, localConnection } from '../../client/src/connections';
import { choiceDescription, connectionChoices, createRequestsIn, workingFirst } from '../../client/src/createFromRequest';

const local = localConnection('http://127.0.0.1:6380');
const euWest = awsConnection('fake', 'eu-west-1');
const usEast = awsConnection('fake', 'us-east-1');

const groupRequest = (members: string) =>
  createRequestsIn(`https://elasticache.us-east-1.amazonaws.com/?Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=grp&ReplicationGroupDescription=x&Engine=redis&EngineVersion=7.1&CacheNodeType=cache.t3.micro${members}`, 'query')[0]!;
const ids = (choices: { connection: { id: string }; inRequestRegion: boolean }[]) => choices.map((c) => `${c.connection.id}${c.inRequestRegion ? ' (request)' : ''}`);

test('a cluster-mode-enabled replication group: Local last, never preselected, its description saying it does not run cluster mode', () => {
  const sharded = groupRequest('&CacheParameterGroupName=default.redis7.cluster.on&NumNodeGroups=2&ReplicasPerNodeGroup=1');
  const choices = connectionChoices([local, euWest, usEast], sharded.region, sharded.regionFromZones, sharded.spec);
  assert.deepEqual(ids(choices), ['aws:fake:us-east-1 (request)', 'aws:fake:eu-west-1', 'local']);
  const localChoice = choices.at(-1)!;
  assert.equal(choiceDescription(localChoice), 'does not run cluster mode (the parameter group default.redis7.cluster.on enables it; NumNodeGroups is 2)');
  assert.equal(choiceDescription(choices[0]!), "the request's Region · billed per node-hour");
  // An AWS connection that cannot work goes below those that can, but Local, which would refuse, stays below it.
  assert.deepEqual(ids(workingFirst(choices, (c) => c.id === 'aws:fake:us-east-1')), ['aws:fake:eu-west-1', 'aws:fake:us-east-1 (request)', 'local']);
  // Several NodeGroupConfiguration items, or ClusterMode enabled: the same.
  const nodeGroups = groupRequest('&CacheParameterGroupName=default.redis7.cluster.on&NodeGroupConfiguration.NodeGroupConfiguration.1.ReplicaCount=1&NodeGroupConfiguration.NodeGroupConfiguration.2.ReplicaCount=1');
  assert.match(choiceDescription(connectionChoices([local, euWest], undefined, false, nodeGroups.spec).at(-1)!), /^does not run cluster mode \(.*NodeGroupConfiguration has 2 node groups\)$/);
  const enabled = groupRequest('&ClusterMode=enabled&CacheParameterGroupName=default.redis7.cluster.on');
  assert.deepEqual(ids(connectionChoices([local, euWest], undefined, false, enabled.spec)), ['aws:fake:eu-west-1', 'local']);
});

test('a replication group Local can create (cluster mode disabled), or a cluster: the picker as before, Local not marked', () => {
  const plain = groupRequest('&CacheParameterGroupName=default.redis7&NumCacheClusters=2');
  const choices = connectionChoices([local, euWest, usEast], plain.region, plain.regionFromZones, plain.spec);
  assert.deepEqual(ids(choices), ['aws:fake:us-east-1 (request)', 'local', 'aws:fake:eu-west-1']);
  assert.equal(choices[1]!.cannotCreate, undefined);
  assert.equal(choiceDescription(choices[1]!), 'http://127.0.0.1:6380');
  const [cluster] = createRequestsIn('{"CacheClusterId": "c", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}', 'json');
  assert.deepEqual(ids(connectionChoices([local, euWest], cluster!.region, cluster!.regionFromZones, cluster!.spec)), ['local', 'aws:fake:eu-west-1']);
});
