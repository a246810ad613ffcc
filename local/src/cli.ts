// `elasticache local [--port 4510] [--host 127.0.0.1] [--data DIR] [--access-key K --secret-key S] [--quiet]`:
// serves the local endpoint until SIGINT/SIGTERM/SIGHUP, then stops every node it started and exits 0.
import { parseArgs } from 'node:util';
import { startLocalEndpoint } from './index';

const usage = `usage: elasticache local [--port 4510] [--host 127.0.0.1] [--data DIR] [--access-key K --secret-key S] [--quiet]
  (keys also from ELASTICACHE_LOCAL_ACCESS_KEY / ELASTICACHE_LOCAL_SECRET_KEY; without keys any SigV4 signature is accepted)`;

/**
 * parseArgs's message, except for a stray argument: that one is not repeated, since it may be a key (the secret of
 * `--access-key a SECRET`, or the second word of an unquoted one). Its other messages name only options.
 */
function argumentError(err: Error & { code?: string }): string {
  if (err.code !== 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return err.message;
  return 'an argument is neither an option nor the value of one (not repeated here: it may be a key). Give each option one value, quoted if it has spaces, e.g. --secret-key \'…\'';
}

export async function runLocal(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '4510' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        'access-key': { type: 'string' },
        'secret-key': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`elasticache local: ${argumentError(err as Error & { code?: string })}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`elasticache local: --port must be a port number (0-65535), not ${values.port}`);
    return 2;
  }
  // The keys may also come from the environment, which (unlike a command line) other users cannot see in `ps`.
  values['access-key'] ??= process.env.ELASTICACHE_LOCAL_ACCESS_KEY || undefined;
  values['secret-key'] ??= process.env.ELASTICACHE_LOCAL_SECRET_KEY || undefined;
  if ((values['access-key'] === undefined) !== (values['secret-key'] === undefined)) {
    console.error('elasticache local: --access-key and --secret-key must be given together');
    return 2;
  }
  let endpoint;
  try {
    endpoint = await startLocalEndpoint({
      port,
      host: values.host,
      dataDir: values.data,
      accessKey: values['access-key'],
      secretKey: values['secret-key'],
      log: values.quiet ? undefined : (line) => console.log(`[${new Date().toISOString()}] ${line}`),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    console.error(
      e.code === 'EADDRINUSE'
        ? `elasticache local: port ${port} on ${values.host} is already in use (another endpoint?); choose one with --port, or --port 0 for any free port`
        : `elasticache local: ${e.message}`,
    );
    return 1;
  }
  const notes = [`data in ${endpoint.dataDir}`, endpoint.warnings.length === 0 ? undefined : `WARNING: ${endpoint.warnings.join('; ')}`]
    .filter(Boolean)
    .join('; ');
  console.log(`ElastiCache local endpoint listening on ${endpoint.url} (${notes})`);

  return new Promise<number>((resolve) => {
    let signalled = false;
    const shutdown = (signal: string) => {
      if (signalled) return;
      signalled = true;
      console.log(`${signal}: stopping every node`);
      endpoint.stop().then(
        () => resolve(0),
        (err: unknown) => {
          console.error(`elasticache local: ${(err as Error).message}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGHUP', () => shutdown('SIGHUP'));
  });
}
