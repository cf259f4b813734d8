// At run time, from CommonJS: require() of each package (ES modules) returns its exports.
const checks = {
  '@cancelflow/core': 'resolveFlow',
  '@cancelflow/core/validate': 'validateFlowSource',
  '@cancelflow/widget': 'createCancelFlow',
  '@cancelflow/react': 'CancelFlowButton',
  '@cancelflow/server': 'startServer',
  '@cancelflow/cli': 'main',
};
for (const [name, exported] of Object.entries(checks)) {
  if (typeof require(name)[exported] !== 'function')
    throw new Error(`require('${name}').${exported} is not a function`);
}
console.log(`required ${Object.keys(checks).length} entry points`);
