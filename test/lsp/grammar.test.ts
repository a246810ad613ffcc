// The TextMate grammar, tokenized with VS Code's own engine (vscode-textmate + Oniguruma WASM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.elasticache-query'
        ? textmate.parseRawGrammar(readFileSync(join(root, 'syntaxes', 'elasticache-query.tmLanguage.json'), 'utf8'), 'grammar.json')
        : null,
  });
  const grammar = await registry.loadGrammar('source.elasticache-query');
  assert.ok(grammar);
  return grammar;
}

/** Each line's tokens as [text, innermost scope]. */
function tokenize(grammar: textmate.IGrammar, text: string): [string, string][][] {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.join(' ')] as [string, string]);
  });
}

function scopeOf(lines: [string, string][][], lineNo: number, text: string): string {
  const token = lines[lineNo].find(([t]) => t === text);
  assert.ok(token, `token ${JSON.stringify(text)} on line ${lineNo}: ${JSON.stringify(lines[lineNo])}`);
  return token[1];
}

test('grammar colours the seed request: host, ?/&, names, =, values, escapes, placeholders', async () => {
  const grammar = await loadGrammar();
  const seed = readFileSync(join(__dirname, 'fixtures', 'seed.elasticache'), 'utf8');
  const lines = tokenize(grammar, seed);
  assert.match(scopeOf(lines, 0, lines[0][0][0]), /comment\.line\.number-sign/);
  assert.match(scopeOf(lines, 3, 'elasticache.us-west-2.amazonaws.com'), /entity\.name\.section\.host/);
  assert.match(scopeOf(lines, 3, 'https'), /scheme/);
  assert.match(scopeOf(lines, 4, '?'), /punctuation\.separator\.parameter/);
  assert.match(scopeOf(lines, 4, 'Action'), /variable\.parameter\.name/);
  assert.match(scopeOf(lines, 4, '='), /keyword\.operator\.assignment/);
  assert.match(scopeOf(lines, 4, 'CreateCacheCluster'), /string\.unquoted\.value/);
  assert.match(scopeOf(lines, 5, '&'), /punctuation\.separator\.parameter/);
  assert.match(scopeOf(lines, 10, '1'), /constant\.numeric/);
  assert.match(scopeOf(lines, 13, 'SnapshotArns.member.1'), /variable\.parameter\.name/);
  assert.match(scopeOf(lines, 13, '%3A'), /constant\.character\.escape\.percent/);
  assert.match(scopeOf(lines, 17, '<credential>'), /variable\.other\.placeholder/);
  assert.doesNotMatch(scopeOf(lines, 17, 'X-Amz-Credential'), /string\.unquoted\.value/);
});

test('grammar: ### separators, one-line URLs, broken escapes, booleans, bare form bodies', async () => {
  const grammar = await loadGrammar();
  const lines = tokenize(
    grammar,
    [
      '### second request',
      'https://elasticache.eu-west-1.amazonaws.com/?Action=DescribeCacheClusters&ShowCacheNodeInfo=true&Marker=a%zz',
      'Action=CreateCacheCluster&CacheClusterId=x',
    ].join('\n'),
  );
  assert.match(scopeOf(lines, 0, '### second request'), /meta\.separator/);
  assert.match(scopeOf(lines, 1, 'DescribeCacheClusters'), /string\.unquoted\.value/);
  assert.match(scopeOf(lines, 1, 'ShowCacheNodeInfo'), /variable\.parameter\.name/);
  assert.match(scopeOf(lines, 1, 'true'), /constant\.language\.boolean/);
  assert.match(scopeOf(lines, 1, '%'), /invalid\.illegal\.escape/);
  assert.match(scopeOf(lines, 2, 'Action'), /variable\.parameter\.name/);
  assert.match(scopeOf(lines, 2, 'CacheClusterId'), /variable\.parameter\.name/);
  assert.match(scopeOf(lines, 2, 'x'), /string\.unquoted\.value/);
});
