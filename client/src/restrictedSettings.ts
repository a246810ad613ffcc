// Which of the extension's restricted settings a workspace sets, for Restricted Mode's notice. No VS Code imports.
// VS Code leaves a restricted setting's workspace value out of the configuration API altogether while the workspace
// is untrusted (inspect() has no workspaceValue then: the settings file is parsed with its restricted keys skipped),
// so the notice reads the workspace's settings file itself.
//
// elasticache.regions is not restricted: a workspace may choose the Regions the explorer lists, trusted or not. A
// Region only picks which of AWS's own ElastiCache endpoints the user's signed requests go to: the SDK refuses a
// Region that is not a host name label ("Region not accepted") and sends to elasticache.<Region>.<an AWS partition's
// domain>, so no value takes the requests (or an AuthToken) off AWS, unlike endpointUrl; the credentials stay the
// user's profile's, unlike profile. What a workspace's Regions start is a read-only listing (DescribeCacheClusters);
// a create names its Region and profile in the billing question first.
import { parse } from 'jsonc-parser';
import type { OutputChannel } from 'vscode';

interface ExtensionManifest {
  capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: string[] } };
  contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } | { properties?: Record<string, { scope?: string }> }[] };
}

/**
 * The manifest's restrictedConfigurations that a workspace can set at all: not those of scope `application` or
 * `machine`, which "can only be configured in user settings" (or remote settings), trusted or not
 * (https://code.visualstudio.com/api/references/contribution-points#Configuration-property-schema).
 */
export function trustGatedSettings(manifest: ExtensionManifest | undefined): string[] {
  const configuration = manifest?.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  const scopes = new Map(sections.flatMap((s) => Object.entries(s.properties ?? {})).map(([key, p]) => [key, p.scope]));
  return (manifest?.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [])
    .filter((key) => scopes.get(key) !== 'application' && scopes.get(key) !== 'machine');
}

/**
 * Those of `keys` that a settings file sets: a folder's .vscode/settings.json, or with `section` 'settings' a
 * .code-workspace file. A key counts written flat ("a.b": 1) or nested ({ "a": { "b": 1 } }); VS Code reads both.
 * So does a key written under it ("a.b.c": 1 sets a.b, as vscode-languageclient reads trace.server.verbosity).
 */
export function settingsSetIn(text: string, keys: readonly string[], section?: 'settings'): string[] {
  const parsed: unknown = parse(text, [], { allowTrailingComma: true });
  const root = section ? (isObject(parsed) ? parsed[section] : undefined) : parsed;
  const set = new Set<string>();
  const collect = (node: unknown, prefix: string): void => {
    if (!isObject(node)) return;
    for (const [name, value] of Object.entries(node)) {
      const key = prefix + name;
      for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) set.add(key.slice(0, dot));
      set.add(key);
      collect(value, `${key}.`);
    }
  };
  collect(root, '');
  return keys.filter((key) => set.has(key));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Whether the language client's trace may be written, given elasticache.trace.server as the client reads it
 * (`inEffect`: getConfiguration's value, which vscode-languageclient reads itself, from every settings level) and the
 * user's own (user settings, else the default). A trusted workspace's value applies; an untrusted one's never does:
 * `verbose` writes whole documents, AuthTokens included, to the output and its log file. VS Code hides a restricted
 * setting's workspace value, but not one written under it (`elasticache.trace.server.verbosity`, which the client
 * also reads), so any difference from the user's value stops the trace.
 */
export function traceAllowed(inEffect: unknown, userValue: unknown, trusted: boolean): boolean {
  return trusted || JSON.stringify(inEffect ?? 'off') === JSON.stringify(userValue ?? 'off');
}

/** The language client's trace channel: writes to `log` only while `allowed()` (traceAllowed) says so. */
export function traceOutputChannel(log: OutputChannel, allowed: () => boolean): OutputChannel {
  return {
    name: log.name,
    append: (text) => (allowed() ? log.append(text) : undefined),
    appendLine: (text) => (allowed() ? log.appendLine(text) : undefined),
    replace: (text) => (allowed() ? log.replace(text) : undefined),
    clear: () => log.clear(),
    show: (preserveFocus?: unknown) => log.show(preserveFocus === true),
    hide: () => log.hide(),
    // The log is the extension's own, disposed with it.
    dispose: () => undefined,
  };
}
