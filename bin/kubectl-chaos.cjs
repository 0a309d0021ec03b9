#!/usr/bin/env node
// The kubectl plugin (krew naming: `kubectl chaos …` runs kubectl-chaos): kubectl's global flags
// (--context, -n/--namespace, --kubeconfig), before or after the subcommand, become chaos's own flags.
'use strict';
const path = require('node:path');
const { kubectlArgv } = require(path.join(__dirname, '..', 'dist', 'bundle', 'kubectl-argv.cjs'));
process.argv = [process.argv[0], process.argv[1], ...kubectlArgv(process.argv.slice(2))];
require('./chaos.cjs');
