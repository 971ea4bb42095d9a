import { GraphQLScalarType } from 'graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

/** ISO-8601 instants: serialised from Date as UTC strings, parsed from strings into Date. */
export const DateTime = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description: 'An instant in time, serialised as an ISO-8601 string in UTC.',
});
