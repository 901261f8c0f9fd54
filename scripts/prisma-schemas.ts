import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { POSTGRES_SCHEMA_PATH, postgresSchemaFrom } from '../storage/postgres-schema';
import { repoRoot } from './paths';

const sqlite = readFileSync(path.join(repoRoot, 'prisma/schema.prisma'), 'utf8');
const target = path.join(repoRoot, POSTGRES_SCHEMA_PATH);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, postgresSchemaFrom(sqlite));
console.log(`wrote ${POSTGRES_SCHEMA_PATH}`);
