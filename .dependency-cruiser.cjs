/**
 * Dependency rules for src/: no import cycles, and the layer table of ARCHITECTURE.md (the same
 * table tests/architecture/layers.test.ts enforces). Run by tests/architecture/cycles.test.ts.
 */
/** Each layer and the layers it may import: the table layers.test.ts also reads. */
const layers = require('./tests/architecture/layers.json')

const layerRules = Object.entries(layers).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `${layer}/ imports only ${allowed.length > 0 ? allowed.join(', ') : 'itself'} (ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: `(^|/)src/${layer}/` },
  to: {
    path: '(^|/)src/(core|domain|journal|measures|reconcile|reports|load|cli|simulate|interchange|server)/',
    pathNot: [`(^|/)src/${layer}/`, ...allowed.map((other) => `(^|/)src/${other}/`)],
  },
}))

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere in src/ (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
}
