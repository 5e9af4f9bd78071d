// Lets ts-jest apply the same @nestjs/swagger compiler plugin that `nest build` applies (nest-cli.json).
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (compiler) =>
    plugin.before({ classValidatorShim: true, introspectComments: true }, compiler.program),
};
