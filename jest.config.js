// Two projects: unit specs beside the code they test, end-to-end specs under test/.
// The Swagger transformer runs under ts-jest too, so /api/docs-json in tests matches the build.
const tsJest = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      tsconfig: 'tsconfig.json',
      astTransformers: { before: ['<rootDir>/test/utils/swagger-transformer.js'] },
    },
  ],
};

module.exports = {
  // Generous: the e2e setups sign several users in (argon2), and CI machines have two cores.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: tsJest,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Needs PostgreSQL and its own build: `npm run test:multi-instance` (test/multi-instance/jest.config.js).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/multi-instance/'],
      // Finds Chromium for test/browser, or installs it once where allowed (root with apt-get).
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
      transform: tsJest,
    },
  ],
};
