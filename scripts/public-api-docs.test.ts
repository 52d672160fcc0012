// Every public export of the packages (each `exports` subpath of packages/*/package.json, read from
// source through its "development" condition) has a TSDoc comment, directly above its declaration,
// with a description and an `@example` (STYLE.md: "Every public export has a TSDoc line and an
// example"). The TypeScript compiler resolves the re-exports, so what is checked is exactly what a
// user can import.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every `exports` subpath of every package that has a "development" condition, with its source file. */
function publicEntries(): { pkg: string; subpath: string; file: string }[] {
  const entries: { pkg: string; subpath: string; file: string }[] = [];
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const manifest = join(root, 'packages', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> };
    for (const [subpath, target] of Object.entries(exports ?? {})) {
      const development = (target as { development?: unknown } | null)?.development;
      if (typeof development === 'string') {
        entries.push({ pkg: `packages/${name}`, subpath, file: join(root, 'packages', name, development) });
      }
    }
  }
  return entries;
}

/**
 * One program over the packages' own sources. Imports of anything but relative paths and
 * `@tessera/*` are left unresolved, and no lib is loaded: only declarations and their comments are
 * read, and skipping the dependencies' typings (~500 files) keeps this at about a second.
 */
function createPackagesProgram(rootNames: readonly string[]): ts.Program {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    customConditions: ['development'],
    jsx: ts.JsxEmit.ReactJSX,
    types: [],
    noLib: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options, true);
  host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, compilerOptions, file) =>
    literals.map((literal) =>
      literal.text.startsWith('.') || literal.text.startsWith('@tessera/')
        ? ts.resolveModuleName(
            literal.text,
            containingFile,
            compilerOptions,
            host,
            undefined,
            redirectedReference,
            ts.getModeForUsageLocation(file, literal, compilerOptions),
          )
        : { resolvedModule: undefined },
    );
  return ts.createProgram(rootNames, options, host);
}

/** What is missing from the TSDoc comment directly above `declaration`, or `null` when nothing is. */
function missingDoc(declaration: ts.Declaration): string | null {
  const doc = ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc).at(-1);
  if (doc === undefined) return 'no TSDoc comment';
  const problems: string[] = [];
  if (!ts.getTextOfJSDocComment(doc.comment)?.trim()) problems.push('no description');
  const example = doc.tags?.find((tag) => tag.tagName.text === 'example');
  if (example === undefined || !ts.getTextOfJSDocComment(example.comment)?.trim())
    problems.push('no @example');
  return problems.length === 0 ? null : problems.join(', ');
}

describe('public API documentation', () => {
  it('every export of every package entry has a TSDoc description and an @example', () => {
    const entries = publicEntries();
    for (const pkg of ['core', 'stores', 'http', 'verify', 'client']) {
      assert.ok(
        entries.some((entry) => entry.pkg === `packages/${pkg}`),
        `no "development" entry in packages/${pkg}`,
      );
    }
    const program = createPackagesProgram(entries.map((entry) => entry.file));
    const checker = program.getTypeChecker();
    const checked = new Set<ts.Declaration>();
    const failures = new Set<string>();
    for (const entry of entries) {
      const where = `${entry.pkg} "${entry.subpath}"`;
      const source = program.getSourceFile(entry.file);
      assert.ok(source !== undefined, `${where}: ${relative(root, entry.file)} does not exist`);
      const module = checker.getSymbolAtLocation(source);
      assert.ok(module !== undefined, `${where}: ${relative(root, entry.file)} exports nothing`);
      for (const exported of checker.getExportsOfModule(module)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        // A name re-exported from a dependency (not loaded) has no declaration here: it is
        // documented where it is declared.
        const declarations = symbol.declarations ?? [];
        if (declarations.length === 0 || declarations.some((declaration) => checked.has(declaration)))
          continue;
        for (const declaration of declarations) checked.add(declaration);
        // One documented declaration is enough (overloads, a type and a value of the same name).
        const missing = declarations.map(missingDoc);
        if (missing.some((problem) => problem === null)) continue;
        const [first] = declarations;
        const file = first!.getSourceFile();
        const line = file.getLineAndCharacterOfPosition(first!.getStart(file)).line + 1;
        failures.add(`${relative(root, file.fileName)}:${line} ${exported.name} (${where}): ${missing[0]}`);
      }
    }
    // A walk that found (almost) nothing would pass without checking anything.
    assert.ok(checked.size > 300, `only ${checked.size} public exports found: is module resolution broken?`);
    assert.deepEqual(
      [...failures].sort(),
      [],
      `${failures.size} public export(s) without a TSDoc description and @example`,
    );
  });
});
