import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The folders in the order the README draws them: a module imports from its own folder or from a lower
// layer, never upwards or sideways, so each layer can be read, tested and changed without the ones above.
const LAYERS: string[][] = [
  ['scripts'],
  ['api', 'worker'],
  ['review'],
  ['workflows'],
  ['activities'],
  ['inputs'],
  ['engine'],
  ['ops'],
  ['notifications', 'storage', 'links', 'plans', 'config'],
  ['domain'],
];

const root = path.resolve(__dirname, '../..');
const layerOf = new Map(LAYERS.flatMap((folders, rank) => folders.map((f): [string, number] => [f, rank])));

/** Every relative import of the service's own modules (tests and fixtures aside), as [from, to] folders. */
function importsBetweenFolders(): { file: string; from: string; to: string }[] {
  const files = execFileSync('git', ['ls-files', '*.ts'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.includes('/') && !f.startsWith('test/') && !f.endsWith('.test.ts'));
  return files.flatMap((file) =>
    ts
      .preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, false)
      .importedFiles.filter((i) => i.fileName.startsWith('.'))
      .map((i) => ({
        file,
        from: file.split('/')[0]!,
        to: path.normalize(path.join(path.dirname(file), i.fileName)).split('/')[0]!,
      }))
      .filter(({ from, to }) => from !== to),
  );
}

describe('the folders', () => {
  const imports = importsBetweenFolders();

  test('every folder of the service has a layer', () => {
    const unplaced = [...new Set(imports.flatMap(({ from, to }) => [from, to]))].filter(
      (f) => !layerOf.has(f),
    );
    expect(unplaced).toEqual([]);
  });

  test('import downwards only', () => {
    const upwards = imports
      .filter(({ from, to }) => layerOf.get(to)! <= layerOf.get(from)!)
      .map(({ file, to }) => `${file} imports ${to}/`);
    expect(upwards).toEqual([]);
  });

  test('the layer check sees the imports it judges', () => {
    // Guards the check itself: a parser that found nothing would pass every rule above.
    expect(imports).toContainEqual({ file: 'engine/breaches.ts', from: 'engine', to: 'domain' });
    expect(imports.length).toBeGreaterThan(100);
  });
});
