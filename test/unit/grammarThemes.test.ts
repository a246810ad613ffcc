// The grammar's scopes in VS Code's default themes (copied in fixtures/themes, see its README), coloured with
// vscode-textmate's own theme matching: parameter names and values have colours of their own that differ, in Light+,
// Dark+ and High Contrast; nothing on the URL line is underlined (the editor's link detection is off for the
// language: an API endpoint opened in a browser answers nothing useful, and its underline read like an error).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');
const themes = join(__dirname, 'fixtures', 'themes');

interface ThemeFile {
  include?: string;
  colors?: Record<string, string>;
  tokenColors?: textmate.IRawTheme['settings'];
}

/** A theme file with the files it includes, as VS Code reads it: the included file's rules first. */
function loadTheme(file: string): { colors: Record<string, string>; tokenColors: textmate.IRawTheme['settings'] } {
  const theme = JSON.parse(readFileSync(join(themes, file), 'utf8')) as ThemeFile;
  const base = theme.include ? loadTheme(theme.include.replace(/^\.\//, '')) : { colors: {}, tokenColors: [] };
  return { colors: { ...base.colors, ...theme.colors }, tokenColors: [...base.tokenColors, ...(theme.tokenColors ?? [])] };
}

async function loadRegistry(): Promise<{ registry: textmate.Registry; grammar: textmate.IGrammar }> {
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
  return { registry, grammar };
}

interface Styled {
  text: string;
  foreground: string;
  underline: boolean;
}

/** Each line's tokens with the colour and font style the theme gives them (vscode-textmate's encoded metadata). */
function styled(registry: textmate.Registry, grammar: textmate.IGrammar, text: string): Styled[][] {
  const colors = registry.getColorMap();
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine2(line, state);
    state = r.ruleStack;
    const tokens: Styled[] = [];
    for (let i = 0; i < r.tokens.length; i += 2) {
      const end = i + 2 < r.tokens.length ? r.tokens[i + 2]! : line.length;
      const metadata = r.tokens[i + 1]!;
      // MetadataConsts: foreground id in bits 15–23, font style in bits 11–14 (underline = 4).
      const fontStyle = (metadata & 0x00007800) >>> 11;
      tokens.push({ text: line.slice(r.tokens[i]!, end).trim(), foreground: colors[(metadata & 0x00ff8000) >>> 15]!.toUpperCase(), underline: (fontStyle & 4) !== 0 });
    }
    return tokens;
  });
}

const request = [
  'https://elasticache.us-east-1.amazonaws.com/',
  '    ?Action=CreateCacheCluster',
  '    &CacheClusterId=rev-memc3',
  '    &Engine=memcached',
  '    &NumCacheNodes=3',
].join('\n');

for (const [label, file] of [
  ['Light+', 'light_plus.json'],
  ['Dark+', 'dark_plus.json'],
  ['High Contrast', 'hc_black.json'],
  ['High Contrast Light', 'hc_light.json'],
] as const) {
  test(`${label}: parameter names and values have colours of their own that differ; the URL line is not underlined`, async () => {
    const { registry, grammar } = await loadRegistry();
    const theme = loadTheme(file);
    const plain = (theme.colors['editor.foreground'] ?? (file.startsWith('light') || file === 'hc_light.json' ? '#000000' : '#FFFFFF')).toUpperCase();
    registry.setTheme({ name: label, settings: [{ settings: { foreground: plain } }, ...theme.tokenColors] });
    const lines = styled(registry, grammar, request);
    const colourOf = (line: number, text: string): string => {
      const token = lines[line]!.find((t) => t.text === text);
      assert.ok(token, `${text} on line ${line}: ${JSON.stringify(lines[line])}`);
      return token.foreground;
    };
    const names = [colourOf(1, 'Action'), colourOf(2, 'CacheClusterId'), colourOf(3, 'Engine'), colourOf(4, 'NumCacheNodes')];
    const values = [colourOf(1, 'CreateCacheCluster'), colourOf(2, 'rev-memc3'), colourOf(3, 'memcached')];
    assert.equal(new Set(names).size, 1, `every name alike: ${names}`);
    assert.equal(new Set(values).size, 1, `every text value alike: ${values}`);
    assert.notEqual(names[0], values[0], 'names and values differ');
    assert.notEqual(names[0], plain, 'names have a colour of their own');
    assert.notEqual(names[0], colourOf(1, '?'), 'names differ from the ? before them');
    assert.deepEqual(lines[0]!.filter((t) => t.underline).map((t) => t.text), [], 'nothing on the URL line is underlined');
  });
}

test("the editor's link detection, which underlines the whole URL, is off for ElastiCache Query files", () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configurationDefaults?: Record<string, Record<string, unknown>> } };
  assert.equal(manifest.contributes.configurationDefaults?.['[elasticache-query]']?.['editor.links'], false);
});
