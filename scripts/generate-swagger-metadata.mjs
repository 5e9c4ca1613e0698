// Runs the @nestjs/swagger CLI plugin over the sources and writes src/metadata.ts, which the
// app loads with SwaggerModule.loadPluginMetadata(). This is how the plugin's DTO and JSDoc
// introspection reaches both the tsc build and the SWC-compiled tests.
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';

const generator = new PluginMetadataGenerator();
generator.generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      classValidatorShim: true,
      pathToSource: new URL('../src', import.meta.url).pathname,
      dtoFileNameSuffix: ['.dto.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
      esmCompatible: true,
    }),
  ],
  outputDir: new URL('../src', import.meta.url).pathname,
  filename: 'metadata.ts',
  tsconfigPath: 'tsconfig.build.json',
  printDiagnostics: false,
});
