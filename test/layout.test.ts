// The layout's rules, checked on the source: modules never import the HTTP transport, no import
// circles at run time (type-only imports are erased), files stay small.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../src');
const files = (readdirSync(root, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.startsWith('generated'))
  .map((file) => join(root, file));

const importsOf = (file: string, withTypes = true) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(import type[^;]*?|from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g,
    ),
  ]
    .filter((match) => withTypes || !match[1].startsWith('import type'))
    .map((match) => match[2])
    .map((specifier) => resolve(dirname(file), specifier))
    .filter((target) => !relative(root, target).startsWith('generated'));
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const runtimeGraph = new Map(files.map((file) => [file, importsOf(file, false)]));
const name = (file: string) => relative(root, file);

describe('the source layout', () => {
  it('keeps modules away from the HTTP transport', () => {
    const offending = files
      .filter((file) => name(file).startsWith('modules/'))
      .flatMap((file) => graph.get(file)!.filter((target) => name(target).startsWith('http/')))
      .map(name);
    expect(offending).toEqual([]);
  });

  it('has no import circles', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of runtimeGraph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('keeps files under 350 lines', () => {
    const long = files
      .map((file) => ({ file: name(file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 350);
    expect(long).toEqual([]);
  });
});
