#!/usr/bin/env node
// Entry of the `diplodesk` command. The sources are TypeScript with erasable syntax only (ADR
// 0001): a Node that strips types runs them as they are; an older one goes through tsx's loader.
import './fast-resolve.mjs';

if (!process.features.typescript) (await import('tsx/esm/api')).register();
const { runCli } = await import('../server/src/cli.ts');
process.exitCode = await runCli(process.argv);
