// Writes the design-file and project-file corpus of scripts/hostile-corpus.ts into test/fixtures/designs/ (committed):
// npx tsx scripts/make-hostile.ts. Deterministic: the same bytes every run. The photos it uses come from
// scripts/make-fixtures.ts, which also makes the hostile photos (16-bit PNG, CMYK JPEG, animated GIF).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESIGNS, buildDocuments } from './hostile-corpus.ts';

mkdirSync(DESIGNS, { recursive: true });
for (const [name, bytes] of buildDocuments()) {
  writeFileSync(join(DESIGNS, name), bytes);
  console.log(`${name.padEnd(28)} ${bytes.length} bytes`);
}
