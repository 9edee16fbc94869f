// Forge KVS's key rule (the emulator's and Forge storage's): 1–500 characters of [a-zA-Z0-9:._ -#],
// not only spaces. The in-memory stores refuse what Forge refuses, so a unit test cannot pass
// with a key production would reject (a Cyrillic label in a marker key, say).

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export function checkKvsKey(key: string): void {
  if (key.length === 0 || key.length > 500 || !KEY_PATTERN.test(key)) throw new Error(`INVALID_KEY: '${key.slice(0, 60)}' is not a KVS key`);
}
