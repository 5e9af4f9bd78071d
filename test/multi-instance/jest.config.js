// Only for `npm run test:multi-instance`: the spec needs PostgreSQL and its own build in
// dist-multi-instance/, so the main config's e2e project leaves this folder out and `npm test` never runs it.
const { resolve } = require('path');
const base = require('../../jest.config.js');

const e2e = base.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  testTimeout: 180_000,
  projects: [
    {
      ...e2e,
      displayName: 'multi-instance',
      rootDir: resolve(__dirname, '../..'),
      testMatch: ['<rootDir>/test/multi-instance/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
