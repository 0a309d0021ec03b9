// Run ids become part of object names and label values: 8 chars, DNS-1123 safe (leading letter).
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUM = `${LETTERS}0123456789`;

function pick(alphabet: string, random: () => number): string {
  // Clamp: a random source returning exactly 1 must not index past the end.
  const i = Math.min(alphabet.length - 1, Math.floor(random() * alphabet.length));
  return alphabet.charAt(Math.max(0, i));
}

export function newRunId(random: () => number = Math.random): string {
  let id = pick(LETTERS, random);
  for (let i = 1; i < 8; i++) id += pick(ALPHANUM, random);
  return id;
}
