/**
 * `latchkey/client` promises a typed document for every operation of the API: each Query and
 * Mutation field of the schema must be the root field of an operation in client/operations/, one
 * named operation per file, valid against the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema as schema, schemaRootFields } from '../helpers/schema-fields.js';

const OPERATIONS_DIR = path.resolve('client/operations');
const files = readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql'));
const documents = new Map(files.map((name) => [name, parse(readFileSync(path.join(OPERATIONS_DIR, name), 'utf8'))]));

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/** "query.me", "mutation.login", … for every root field some client operation selects. */
function clientRootFields(): Set<string> {
  const fields = new Set<string>();
  for (const document of documents.values()) {
    for (const operation of operationsOf(document)) {
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind === Kind.FIELD) fields.add(`${operation.operation}.${selection.name.value}`);
      }
    }
  }
  return fields;
}

describe('client/operations', () => {
  it('has an operation for every Query and Mutation field of the schema', () => {
    const covered = clientRootFields();
    const missing = schemaRootFields().filter((field) => !covered.has(field));
    expect(missing).toEqual([]);
    // Guards the check itself: the schema really has the operations of every module.
    expect(schemaRootFields()).toEqual(expect.arrayContaining(['query.me', 'query.users', 'mutation.deleteAccount', 'mutation.serviceToken']));
  });

  it('holds one named operation per file, and fragments only in fragments.graphql', () => {
    for (const [name, document] of documents) {
      const operations = operationsOf(document);
      if (name === 'fragments.graphql') {
        expect(operations, name).toEqual([]);
        continue;
      }
      expect(operations.map((op) => Boolean(op.name)), name).toEqual([true]);
      expect(document.definitions.length, name).toBe(1);
    }
  });

  it('is valid against the schema', () => {
    const all: DocumentNode = { kind: Kind.DOCUMENT, definitions: [...documents.values()].flatMap((d) => d.definitions) };
    expect(validate(schema, all).map((error) => error.message)).toEqual([]);
  });
});
