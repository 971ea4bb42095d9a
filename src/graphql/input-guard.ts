/**
 * Refuses text containing NUL (U+0000) anywhere in an operation's variables or inline string
 * arguments, before any resolver runs. PostgreSQL cannot store NUL in text (SQLSTATE 22021), so
 * without this a hostile string would surface as a masked 500-class error instead of a clear
 * BAD_USER_INPUT. Pure helpers plus one Apollo plugin hook.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import { AppError, ERROR_CODES } from './errors.js';

const NUL = '\u0000';

/** The name of the innermost object key whose value holds a NUL, or null when there is none. */
export function findNulField(value: unknown, key = 'input'): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? key : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findNulField(item, key);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      const found = findNulField(item, name) ?? (name.includes(NUL) ? name : null);
      if (found) return found;
    }
  }
  return null;
}

/** The argument or input field name of the first inline string literal holding a NUL. */
export function findNulInDocument(document: DocumentNode): string | null {
  let found: string | null = null;
  let lastName = 'input';
  visit(document, {
    Argument: { enter: (node) => void (lastName = node.name.value) },
    ObjectField: { enter: (node) => void (lastName = node.name.value) },
    StringValue: {
      enter(node) {
        if (found === null && node.value.includes(NUL)) found = lastName;
      },
    },
  });
  return found;
}

export function inputGuardPlugin<T extends object>(): ApolloServerPlugin<T> {
  // Apollo hands every request with the same query text the same parsed document (its document
  // store), so the walk over the document runs once per distinct operation; variables every time.
  const nulInDocument = new WeakMap<DocumentNode, string | null>();
  const documentNulField = (document: DocumentNode) => {
    if (!nulInDocument.has(document)) nulInDocument.set(document, findNulInDocument(document));
    return nulInDocument.get(document)!;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const field = findNulField(request.variables ?? {}) ?? documentNulField(document);
          if (field === null) return;
          throw new AppError(ERROR_CODES.BAD_USER_INPUT, 'Text must not contain NUL characters', {
            field,
            http: { status: 400 },
          });
        },
      };
    },
  };
}

