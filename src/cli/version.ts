// The version, in a module of its own so `chaos --version` needs nothing else.
export const VERSION = '0.1.0';
