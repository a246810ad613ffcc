// Messages as a reader can see them. In the model folder with the secrets' names, and importing nothing: the extension
// shows its notifications through it at activation, without loading the language service.

// Control and format characters, noncharacters and lone surrogates, which a reader cannot see (or XML cannot carry).
// Format characters (\p{Cf}) include the bidi controls (U+202E shows the text after it reversed) and zero-width ones;
// a zero-width joiner inside an emoji sequence (👩‍💻) is part of the one picture it shows, and is kept.
const invisibleChar =
  /(?!(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?)\u200D(?=\p{Extended_Pictographic}))[\p{Cc}\p{Cf}\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const shortEscapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A finding's message as a reader can see it, wherever it is shown (editor, lint, the Local endpoint's XML errors, the
 * extension's notifications): a value it quotes may hold control characters (`cache.t3%01.micro`, a YAML
 * "us\rwest-2a") or format characters (`cache.t3%E2%80%AE.micro`), shown as escapes (`\u0001`, `\r`, `\u202e`) rather than raw, where they are invisible,
 * reverse the text after them, split a lint line or make XML unreadable.
 */
export function visibleMessage(message: string): string {
  return message.replace(invisibleChar, (c) => {
    const code = c.codePointAt(0)!;
    // A format character beyond U+FFFF (a tag character, U+E0001) is one escape of its code point.
    return shortEscapes[c] ?? (code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
