#!/usr/bin/env node
// Entry of the `diplodesk` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/src/cli.ts');
process.exitCode = await runCli(process.argv);
