// Per-field validators for validate-as-you-type (the create wizard) and for the semantic rules. Each returns
// a message for an invalid value, or undefined when the value is fine. Messages never echo secrets.
import { LIMITS, PARTITION_REGIONS, partitionOfRegion } from '../model/facts';

/**
 * `<what> is empty` / `<what> is blank (only whitespace)` for a blank value, else undefined: the start of every
 * message on an empty value, so the user reads first that the value is missing, then what to give.
 */
export function blankValue(what: string, value: string): string | undefined {
  if (value === '') return `${what} is empty`;
  return value.trim() === '' ? `${what} is blank (only whitespace)` : undefined;
}

/**
 * A Query request's Action when it names no action (missing, empty or blank): the problem and what to do, as the
 * linter reports it and the local endpoint answers it (with MISSING_ACTION_ERROR); undefined when one is given.
 */
export function missingActionProblem(action: string | undefined): string | undefined {
  if (action === undefined) return 'The request has no Action: add the action to perform, e.g. Action=CreateCacheCluster.';
  const blank = blankValue('Action', action);
  return blank && `${blank}: give the action to perform, e.g. CreateCacheCluster.`;
}

/**
 * CacheClusterId: 1–50 letters, digits or hyphens; starts with a letter; no `--`; no trailing hyphen. Every rule
 * the ID breaks is named at once, so fixing one does not reveal the next.
 */
export function validateCacheClusterId(id: string): string | undefined {
  return validateIdentifier(id, LIMITS.cacheClusterIdMaxLength, 'A cluster ID', 'CacheClusterId');
}

/** ReplicationGroupId: the same rules as a cluster ID, at most 40 characters (SOURCES.createReplicationGroup). */
export function validateReplicationGroupId(id: string): string | undefined {
  return validateIdentifier(id, LIMITS.replicationGroupIdMaxLength, 'A replication group ID', 'ReplicationGroupId');
}

function validateIdentifier(id: string, max: number, what: string, member: string): string | undefined {
  const blank = blankValue(member, id);
  if (blank) return `${blank}: give 1 to ${max} letters, digits or hyphens, starting with a letter.`;
  const problems: string[] = [];
  if (id.length > max) problems.push(`be at most ${max} characters long (it has ${id.length})`);
  if (!/^[A-Za-z]/.test(id)) problems.push('begin with a letter');
  if (/[^A-Za-z0-9-]/.test(id)) problems.push('contain only ASCII letters, digits and hyphens');
  if (id.includes('--')) problems.push('not contain two consecutive hyphens');
  if (id.endsWith('-')) problems.push('not end with a hyphen');
  if (problems.length === 0) return undefined;
  const last = problems.pop()!;
  return `${what} must ${problems.length > 0 ? `${problems.join(', ')} and ${last}` : last}.`;
}

/**
 * AuthToken: 16–128 printable ASCII characters; the only special characters allowed are ! & # $ ^ < > -. A token with
 * characters that are not printable ASCII ("Must be only printable ASCII characters", SOURCES.createCacheCluster) gets
 * that one finding, not a length as well: its length in the API's terms is moot (and JavaScript's counts UTF-16 code
 * units, two for an emoji).
 */
export function validateAuthToken(token: string): string | undefined {
  const nonAscii = notPrintableAscii(token);
  if (nonAscii > 0) {
    return `An AUTH token may contain only printable ASCII characters: letters, digits and the special characters ${[...LIMITS.authTokenSpecials].join(' ')} (this one has ${nonAscii} character${nonAscii === 1 ? '' : 's'} that ${nonAscii === 1 ? 'is' : 'are'} not printable ASCII).`;
  }
  if (token.length < LIMITS.authTokenMin || token.length > LIMITS.authTokenMax) {
    return `An AUTH token must be ${LIMITS.authTokenMin} to ${LIMITS.authTokenMax} characters long (this one has ${token.length}).`;
  }
  let bad = 0;
  for (const ch of token) if (!/[A-Za-z0-9]/.test(ch) && !LIMITS.authTokenSpecials.includes(ch)) bad++;
  if (bad > 0) {
    return `An AUTH token may contain only letters, digits and the special characters ${[...LIMITS.authTokenSpecials].join(' ')} (this one has ${bad} other character${bad === 1 ? '' : 's'}).`;
  }
  return undefined;
}

/** How many characters (code points) of `token` are not printable ASCII (U+0020–U+007E). */
function notPrintableAscii(token: string): number {
  let count = 0;
  for (const ch of token) if (ch.length > 1 || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) > 0x7e) count++;
  return count;
}

/**
 * AuthToken sent by a Modify action (`action`: ModifyCacheCluster, ModifyReplicationGroup): their references ask for
 * 16–128 printable ASCII characters and forbid / " @ % (LIMITS.authTokenModifyForbidden): errors. A special character
 * outside the AUTH guide's ! & # $ ^ < > - (SOURCES.auth, which states that list for every token) is a warning: the
 * two pages disagree, so the token may be refused. Never names a character of the token.
 */
export function validateModifyAuthToken(token: string, action: string): { severity: 'error' | 'warning'; message: string } | undefined {
  // Not printable ASCII first, and alone: as for the create actions (validateAuthToken), no length beside it.
  const notPrintable = notPrintableAscii(token);
  if (notPrintable > 0) return { severity: 'error', message: `An AUTH token may contain only printable ASCII characters (this one has ${notPrintable} that ${notPrintable === 1 ? 'is' : 'are'} not).` };
  if (token.length < LIMITS.authTokenMin || token.length > LIMITS.authTokenMax) {
    return { severity: 'error', message: `An AUTH token must be ${LIMITS.authTokenMin} to ${LIMITS.authTokenMax} characters long (this one has ${token.length}).` };
  }
  let forbidden = 0;
  let unlisted = 0;
  for (const ch of token) {
    if (LIMITS.authTokenModifyForbidden.includes(ch)) forbidden++;
    else if (!/[A-Za-z0-9]/.test(ch) && !LIMITS.authTokenSpecials.includes(ch)) unlisted++;
  }
  const count = (n: number) => `${n} such character${n === 1 ? '' : 's'}`;
  if (forbidden > 0) {
    return { severity: 'error', message: `An AUTH token sent with ${action} cannot contain ${[...LIMITS.authTokenModifyForbidden].join(' ')} (this one has ${count(forbidden)}). Remove them.` };
  }
  if (unlisted > 0) {
    return { severity: 'warning', message: `This AUTH token has special characters outside ${[...LIMITS.authTokenSpecials].join(' ')} (${count(unlisted)}): the ${action} reference allows them, but the AUTH guide restricts special characters to that list, so ElastiCache may refuse the token. Use only letters, digits and ${[...LIMITS.authTokenSpecials].join(' ')}.` };
  }
  return undefined;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseClock(s: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Minutes of the week of `ddd:hh24:mi`, or undefined. */
function parseWeekTime(s: string): number | undefined {
  const m = /^([A-Za-z]{3}):(.*)$/.exec(s);
  if (!m) return undefined;
  const day = DAYS.indexOf(m[1].toLowerCase());
  const clock = parseClock(m[2]);
  return day < 0 || clock === undefined ? undefined : day * 1440 + clock;
}

/** Length in minutes of a window from `start` to `end` that may wrap around its period. */
function windowLength(start: number, end: number, period: number): number {
  return (end - start + period) % period;
}

/** PreferredMaintenanceWindow: `ddd:hh24:mi-ddd:hh24:mi` (UTC), at least 60 minutes. */
export function validateMaintenanceWindow(w: string): string | undefined {
  const blank = blankValue('PreferredMaintenanceWindow', w);
  if (blank) return `${blank}: give a weekly window ddd:hh24:mi-ddd:hh24:mi in UTC of at least ${LIMITS.maintenanceWindowMinMinutes} minutes (e.g. sun:23:00-mon:01:30), or leave it out.`;
  const parts = w.split('-');
  const start = parts.length === 2 ? parseWeekTime(parts[0]) : undefined;
  const end = parts.length === 2 ? parseWeekTime(parts[1]) : undefined;
  if (start === undefined || end === undefined) {
    return 'The maintenance window must be ddd:hh24:mi-ddd:hh24:mi in UTC, with days sun, mon, tue, wed, thu, fri, sat (e.g. sun:23:00-mon:01:30).';
  }
  const len = windowLength(start, end, 7 * 1440);
  if (len < LIMITS.maintenanceWindowMinMinutes) return `The maintenance window must be at least ${LIMITS.maintenanceWindowMinMinutes} minutes long (this one is ${len}).`;
  return undefined;
}

/** SnapshotWindow: `hh24:mi-hh24:mi` (UTC), at least 60 minutes. */
export function validateSnapshotWindow(w: string): string | undefined {
  const blank = blankValue('SnapshotWindow', w);
  if (blank) return `${blank}: give a daily window hh24:mi-hh24:mi in UTC of at least ${LIMITS.snapshotWindowMinMinutes} minutes (e.g. 05:00-09:00), or leave it out for ElastiCache to choose one.`;
  const parts = w.split('-');
  const start = parts.length === 2 ? parseClock(parts[0]) : undefined;
  const end = parts.length === 2 ? parseClock(parts[1]) : undefined;
  if (start === undefined || end === undefined) return 'The snapshot window must be hh24:mi-hh24:mi in UTC (e.g. 05:00-09:00).';
  const len = windowLength(start, end, 1440);
  if (len < LIMITS.snapshotWindowMinMinutes) return `The snapshot window must be at least ${LIMITS.snapshotWindowMinMinutes} minutes long (this one is ${len}).`;
  return undefined;
}

/** The daily minutes [start, end) of both windows, to detect overlap; undefined when either does not parse. */
export function windowsOverlap(maintenance: string, snapshot: string): boolean | undefined {
  const mp = maintenance.split('-');
  const sp = snapshot.split('-');
  const ms = parseWeekTime(mp[0] ?? '');
  const me = parseWeekTime(mp[1] ?? '');
  const ss = parseClock(sp[0] ?? '');
  const se = parseClock(sp[1] ?? '');
  if (ms === undefined || me === undefined || ss === undefined || se === undefined) return undefined;
  const week = 7 * 1440;
  const mLen = windowLength(ms, me, week);
  const sLen = windowLength(ss, se, 1440);
  for (let day = 0; day < 7; day++) {
    const s = day * 1440 + ss;
    // Two intervals on a circle overlap when either start lies inside the other.
    const inM = windowLength(ms, s, week) < mLen;
    const inS = windowLength(s, ms, week) < sLen;
    if (inM || inS) return true;
  }
  return false;
}

export function validatePort(port: number): string | undefined {
  if (!Number.isInteger(port) || port < LIMITS.portMin || port > LIMITS.portMax) return `The port must be an integer from ${LIMITS.portMin} to ${LIMITS.portMax}.`;
  return undefined;
}

export interface ArnCheck {
  error?: string;
  warning?: string;
}

/** An S3 object ARN `arn:<partition>:s3:::<bucket>/<key>` naming an RDB snapshot (SnapshotArns); `name` names a blank one. */
export function validateS3SnapshotArn(arn: string, name = 'A SnapshotArns item'): ArnCheck {
  const blank = blankValue(name, arn);
  if (blank) return { error: `${blank}: give the Amazon S3 object ARN of an RDB snapshot (arn:aws:s3:::bucket-name/path/snapshot.rdb).` };
  // Any partition's ARN (arn:aws-eusc:s3:::…, the ISO partitions): PARTITION_REGIONS, one list with the SNS check.
  const m = /^arn:([\w-]+):s3:::([^/]*)\/(.+)$/.exec(arn);
  if (!m || !Object.hasOwn(PARTITION_REGIONS, m[1]!)) {
    return { error: 'A snapshot ARN must be an Amazon S3 object ARN: arn:aws:s3:::bucket-name/path/snapshot.rdb.' };
  }
  const [, , bucket, key] = m;
  if (key.includes(',')) return { error: 'The Amazon S3 object name in a snapshot ARN cannot contain commas.' };
  if (bucket.length < 3 || bucket.length > 63) return { error: `The S3 bucket name must be 3 to 63 characters long (it has ${bucket.length}).` };
  if (/[^A-Za-z0-9.\-_]/.test(bucket)) return { error: 'The S3 bucket name may contain only lowercase letters, digits, dots and hyphens.' };
  if (/[A-Z_]/.test(bucket)) {
    return {
      warning: `S3 bucket names must be lowercase letters, digits, dots and hyphens: '${bucket}' is only possible for a legacy bucket in us-east-1. Check the bucket name (S3 bucket names are case-sensitive in ARNs).`,
    };
  }
  if (!/^[a-z0-9].*[a-z0-9]$/.test(bucket) || bucket.includes('..')) return { error: 'The S3 bucket name must begin and end with a letter or digit and cannot contain two adjacent dots.' };
  if (!key.endsWith('.rdb')) return { warning: 'A snapshot for seeding a cluster is an RDB file; this object name does not end with .rdb.' };
  return {};
}

/** An SNS topic ARN `arn:<partition>:sns:<region>:<12-digit account>:<topic>` (NotificationTopicArn). */
export function validateSnsTopicArn(arn: string): string | undefined {
  const blank = blankValue('NotificationTopicArn', arn);
  if (blank) return `${blank}: give an Amazon SNS topic ARN (arn:aws:sns:<region>:<account-id>:<topic-name>), or leave it out.`;
  const m = /^arn:([\w-]+):sns:([^:]*):([^:]*):([^:]*)$/.exec(arn);
  if (!m || !Object.hasOwn(PARTITION_REGIONS, m[1]!)) return 'NotificationTopicArn must be an Amazon SNS topic ARN: arn:aws:sns:<region>:<account-id>:<topic-name>.';
  const [, partition, region, account, topic] = m;
  const regionPartition = partitionOfRegion(region);
  if (!regionPartition) return `The SNS topic ARN has an invalid Region '${region}'.`;
  if (regionPartition !== partition) return `The SNS topic ARN's Region '${region}' is in the partition ${regionPartition}, not ${partition}: write arn:${regionPartition}:sns:${region}:….`;
  if (!/^\d{12}$/.test(account)) return 'The SNS topic ARN must contain a 12-digit AWS account ID.';
  if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(topic)) return 'An SNS topic name has 1 to 256 letters, digits, hyphens and underscores.';
  return undefined;
}

/** The Region of an SNS topic ARN, if it parses. */
export function regionOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]+:([^:]*):/.exec(arn)?.[1] || undefined;
}
