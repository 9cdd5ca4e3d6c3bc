// The parsers on the hostile corpus (test/fixtures/designs/, made by scripts/make-hostile.ts): each file gives the
// error it must, or for the controls the design it holds, and nothing in Object.prototype changes. Files are read as
// the app reads them (Blob.text(): UTF-8, a byte-order mark dropped).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../src/persist/bundle.ts';
import { DesignFileError, parseDesignFile } from '../../src/persist/design-file.ts';
import { DESIGNS, DOCUMENT_CASES, FIXTURES, buildDocuments } from '../../scripts/hostile-corpus.ts';

const text = (file: string): Promise<string> => new Blob([readFileSync(join(FIXTURES, file))]).text();
const PROTO_KEYS = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();

describe('the hostile corpus', () => {
  const before = PROTO_KEYS();

  it.each(DOCUMENT_CASES.map((c) => [`${c.input}: ${c.file} (${c.what})`, c] as const))('%s', async (_, c) => {
    const t = await text(c.file);
    const parse = (): { design: unknown; photo?: Blob } => (c.input === 'design' ? { design: parseDesignFile(t) } : parseBundle(t));
    if (c.parse === 'ok') {
      const out = parse();
      if (c.design) expect(out.design).toStrictEqual(c.design);
      if (c.input === 'project') expect(out.photo?.size).toBeGreaterThan(0);
    } else {
      let error: unknown;
      try {
        parse();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DesignFileError);
      expect((error as Error).message).toMatch(c.parse);
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(PROTO_KEYS()).toEqual(before);
  });

  it('accepted designs hold only the known keys, none of the junk', async () => {
    for (const c of DOCUMENT_CASES.filter((c) => c.parse === 'ok' && c.design)) {
      const t = await text(c.file);
      const d = c.input === 'design' ? parseDesignFile(t) : parseBundle(t).design;
      const keys = new Set<string>();
      const walk = (v: unknown): void => {
        if (typeof v !== 'object' || v === null) return;
        for (const k of Object.keys(v)) {
          keys.add(k);
          walk((v as Record<string, unknown>)[k]);
        }
        expect(Object.getPrototypeOf(v), c.file).toBe(Array.isArray(v) ? Array.prototype : Object.prototype);
      };
      walk(d);
      for (const junk of ['__proto__', 'constructor', 'prototype', 'polluted', 'junk', 'isAdmin', 'savedAt', 'format']) expect(keys.has(junk), `${c.file}: ${junk}`).toBe(false);
    }
  });

  it('the committed files are what scripts/make-hostile.ts makes', () => {
    for (const [name, bytes] of buildDocuments()) {
      expect(Buffer.compare(readFileSync(join(DESIGNS, name)), Buffer.from(bytes)), `${name}: run npx tsx scripts/make-hostile.ts`).toBe(0);
    }
  });
});
