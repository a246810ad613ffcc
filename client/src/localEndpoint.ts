// Starts and stops the Local endpoint in the extension's own process (engineer B's module, loaded on demand).
// No VS Code imports.
import * as http from 'node:http';

export interface LocalEndpointHandle {
  url: string;
  port: number;
  host: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface LocalStartOptions {
  port: number;
  dataDir?: string;
  log?: (line: string) => void;
}

/** True when `url` answers like an ElastiCache Query endpoint (an unsigned call is refused with an ErrorResponse). */
export function isLocalEndpoint(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/?Action=DescribeCacheClusters&Version=2015-02-02`, { timeout: 1500 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk.slice(0, 4096)));
      res.on('end', () => resolve(/<ErrorResponse|<DescribeCacheClustersResponse/.test(body)));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export class LocalEndpointManager {
  private endpoint: LocalEndpointHandle | undefined;
  private starting: Promise<LocalEndpointHandle> | undefined;

  get url(): string | undefined {
    return this.endpoint?.url;
  }

  get running(): LocalEndpointHandle | undefined {
    return this.endpoint;
  }

  /** Starts once; concurrent callers share the start. A busy port falls back to a free one. */
  start(options: LocalStartOptions): Promise<LocalEndpointHandle> {
    if (this.endpoint) return Promise.resolve(this.endpoint);
    const starting = this.starting ?? this.startOnce(options).finally(() => (this.starting = undefined));
    this.starting = starting;
    return starting;
  }

  private async startOnce(options: LocalStartOptions): Promise<LocalEndpointHandle> {
    const { startLocalEndpoint } = await import('../../local/src/index');
    const base = { host: '127.0.0.1', dataDir: options.dataDir, log: options.log };
    let endpoint: LocalEndpointHandle;
    try {
      endpoint = await startLocalEndpoint({ ...base, port: options.port });
    } catch (err) {
      if (options.port === 0) throw err;
      // An endpoint already serves this port (e.g. `npm run local` or `npm start`): use it, do not stop it.
      const url = `http://127.0.0.1:${options.port}`;
      if (await isLocalEndpoint(url)) {
        options.log?.(`Using the Local endpoint already listening on ${url}.`);
        endpoint = { url, port: options.port, host: '127.0.0.1', dataDir: '(owned by another process)', stop: async () => undefined };
      } else if ((err as { code?: string }).code === 'EADDRINUSE') {
        options.log?.(`Port ${options.port} is in use; starting the Local endpoint on a free port.`);
        endpoint = await startLocalEndpoint({ ...base, port: 0 });
      } else {
        throw err;
      }
    }
    this.endpoint = endpoint;
    return endpoint;
  }

  async stop(): Promise<void> {
    const endpoint = this.endpoint ?? (await this.starting?.catch(() => undefined));
    this.endpoint = undefined;
    await endpoint?.stop();
  }
}
