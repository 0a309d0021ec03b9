// chaos's version: a leaf, so the commands (the journal, deploy's image tag) and cli/quick (--version) share it.
export const VERSION = '0.1.0';
