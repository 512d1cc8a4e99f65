// Validates data/sample without touching any database: `npx tsx src/sample/check.ts [dir]`.
import { SampleDataError, readSampleDir } from './sample-files.ts';
import { SAMPLE_DIR } from './sample-loader.ts';

try {
  const data = readSampleDir(process.argv[2] ?? SAMPLE_DIR);
  console.log(
    `ok: ${data.persons.length} persons, ${data.places.length} places, ${data.organizations.length} organizations, ${data.sources.length} sources, ${data.events.length} shared events`,
  );
} catch (error) {
  if (!(error instanceof SampleDataError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
