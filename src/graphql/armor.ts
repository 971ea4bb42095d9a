/**
 * Limits on the shape of a GraphQL document, checked before anything executes: graphql-armor's
 * depth, alias, directive and cost limits (tokens: see parseOptions in apollo.ts), plus a rule against
 * circular introspection. Rejections are HTTP 400 with GRAPHQL_VALIDATION_FAILED.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { GraphQLLimits } from '../config.js';

export function armorProtection(limits: GraphQLLimits) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: false },
    maxAliases: { n: limits.maxAliases, exposeLimits: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: false },
    // Token counting is graphql-js's own (`parseOptions.maxTokens` in apollo.ts): armor's plugin
    // throws from parsingDidStart, which Apollo turns into a 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, exposeLimits: false },
    // Suggestions are removed by formatError (withoutSuggestions), which also covers enum values.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules: [...validationRules, introspectionCycleRule] };
}

/** __Type fields that lead back to __Type lists; the standard introspection query never nests them. */
const TYPE_LIST_FIELDS = new Set(['fields', 'inputFields', 'interfaces', 'possibleTypes']);

/**
 * Rejects `fields { type { fields { ... } } }`-style introspection: a path may cross at most one
 * of TYPE_LIST_FIELDS. Fragments are followed (NoFragmentCycles already rules out loops).
 */
export function introspectionCycleRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { fragments, memo: new Map(), seen: new Set() };
  return {
    OperationDefinition(operation) {
      if (crossings(operation.selectionSet, walk) > 1) {
        context.reportError(new GraphQLError('Circular introspection queries are not allowed', { nodes: [operation] }));
      }
    },
  };
}

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  /** Per-fragment results, so repeated spreads cost nothing (no exponential fragment bombs). */
  memo: Map<string, number>;
  seen: Set<string>;
}

function crossings(selectionSet: SelectionSetNode, walk: Walk): number {
  let max = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const own = TYPE_LIST_FIELDS.has(selection.name.value) ? 1 : 0;
      max = Math.max(max, own + (selection.selectionSet ? crossings(selection.selectionSet, walk) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, crossings(selection.selectionSet, walk));
    } else {
      max = Math.max(max, fragmentCrossings(selection.name.value, walk));
    }
  }
  return max;
}

function fragmentCrossings(name: string, walk: Walk): number {
  const known = walk.memo.get(name);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  if (!fragment || walk.seen.has(name)) return 0;
  walk.seen.add(name);
  const result = crossings(fragment.selectionSet, walk);
  walk.seen.delete(name);
  walk.memo.set(name, result);
  return result;
}
