// Run first by `npm test`: plain JavaScript, so it runs on any Node and says plainly when Node is too old (vitest
// would otherwise fail minutes later with "Map.groupBy is not a function").
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`ita-ingest needs Node.js 22 or newer; this is ${process.version}.\n` +
    'Install Node 24 from the npm registry: npm install --prefix .ci/node node@24 && export PATH="$PWD/.ci/node/node_modules/.bin:$PATH"\n');
  process.exit(1);
}
