/** The API's root fields as "query.me", "mutation.login", … from the SDL in schema/. */
import { buildASTSchema } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.js';

export const apiSchema = buildASTSchema(loadTypeDefs());

export function schemaRootFields(): string[] {
  const roots = [['query', apiSchema.getQueryType()], ['mutation', apiSchema.getMutationType()]] as const;
  return roots.flatMap(([kind, type]) => Object.keys(type?.getFields() ?? {}).map((name) => `${kind}.${name}`));
}
