import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inputs } from '.';
import { contractKit } from './input-schema';

// The one list of human inputs: the workflow registers an update per name and the API a route per path,
// so two inputs may share neither, and a path may only name what the input carries.

const pathParams = (path: string) =>
  [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((name) => name !== 'id');
const folderOf = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('the list of inputs', () => {
  it('gives every input its own update name', () => {
    const names = inputs.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(inputs.map((i) => i.update.name)).toEqual(names);
  });

  it('gives every input its own path under the incident', () => {
    const paths = inputs.map((i) => i.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path).toMatch(/^\/:id\//);
  });

  it('names in a path only fields of its input', () => {
    for (const input of inputs) {
      const fields = input.fields(contractKit);
      const strays = pathParams(input.path).filter((name) => !Object.hasOwn(fields, name));
      expect({ input: input.name, strays }).toEqual({ input: input.name, strays: [] });
    }
  });

  it('summarises every input in Chinese and English', () => {
    for (const input of inputs) {
      expect(input.summary.zh.trim()).not.toBe('');
      expect(input.summary.en.trim()).not.toBe('');
    }
  });

  it('holds one input per folder, each with its test beside it', () => {
    const folders = readdirSync(__dirname, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(inputs.map((i) => folderOf(i.name)).sort()).toEqual(folders.sort());
    for (const folder of folders) expect(existsSync(join(__dirname, folder, `${folder}.test.ts`))).toBe(true);
  });
});
