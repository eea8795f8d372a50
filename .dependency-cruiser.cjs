/** Layering rules of ARCHITECTURE.md §5, enforced in CI (npm run depcheck). */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-domain',
      comment: 'The platform kernel is domain-agnostic.',
      severity: 'error',
      from: { path: '^server/src/platform/' },
      to: { path: '^server/src/domains/' },
    },
    {
      name: 'domain-through-index-only',
      comment: 'A domain may use another domain only through its index.ts.',
      severity: 'error',
      from: { path: '^server/src/domains/([^/]+)/' },
      to: { path: '^server/src/domains/([^/]+)/', pathNot: ['^server/src/domains/$1/', '^server/src/domains/[^/]+/index\\.ts$'] },
    },
    {
      name: 'identity-is-the-bottom',
      comment: 'identity depends on no other domain.',
      severity: 'error',
      from: { path: '^server/src/domains/identity/' },
      to: { path: '^server/src/domains/', pathNot: '^server/src/domains/identity/' },
    },
    {
      name: 'outside-reaches-domain-through-index',
      comment: 'The composition root, CLI and tests use a domain through its index.ts (tests beside the code excepted).',
      severity: 'error',
      from: { path: '^server/src/[^/]+\\.ts$', pathNot: '^server/src/schema\\.ts$' },
      // integrity/sharing/index.ts stands in for integrity's index.ts until the domain's core lands
      // (issue 13): then that index re-exports sharing's plugins and this exception goes.
      to: { path: '^server/src/domains/[^/]+/', pathNot: '^server/src/domains/([^/]+|integrity/sharing)/index\\.ts$' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^(server|web|packages/(?!contracts))' },
    },
    {
      name: 'analysis-is-pure',
      severity: 'error',
      from: { path: '^packages/analysis/' },
      to: { path: '^(server|web|packages/(?!analysis))' },
    },
    {
      name: 'connector-sdk-is-pure',
      comment: 'The SDK defines capabilities and counting rules; it knows no server or web code.',
      severity: 'error',
      from: { path: '^packages/connector-sdk/' },
      to: { path: '^(server|web|connectors|packages/(?!(connector-sdk|contracts)))' },
    },
    {
      name: 'connectors-only-sdk-and-contracts',
      severity: 'error',
      from: { path: '^connectors/' },
      to: { path: '^(server|web|packages/(?!(connector-sdk|contracts)))' },
    },
    {
      name: 'web-ui-imports-no-module',
      comment: 'web/src/ui is the design layer; features live in modules.',
      severity: 'error',
      from: { path: '^web/src/ui/' },
      to: { path: '^web/src/(modules|pages)/' },
    },
    {
      name: 'server-and-web-stay-apart',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'no-fakes-in-production',
      comment: 'The connectors\' fake platforms and the test helpers serve tests, benchmarks and soak runs only: nothing the product runs may load them (ASVS 15.2.3).',
      severity: 'error',
      from: { path: '^(server/src|web/src|connectors/[^/]+/src|packages/[^/]+/src)/', pathNot: ['\\.test\\.tsx?$', '/tests?/', '-test-app\\.ts$', '/e2e/', '^connectors/[^/]+/src/fake/'] },
      to: { path: ['^connectors/[^/]+/src/fake/', '^server/src/test/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist|\\.diplodesk)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    // Resolve the workspace packages through their "exports" (e.g. `@diplodesk/connector-rss/fake`),
    // so the rules see the files a package import really loads.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
