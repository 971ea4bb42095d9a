/**
 * Every error a client can see. Expected failures are `AppError`s with a stable code from
 * ERROR_CODES; `formatError` replaces anything else with a masked INTERNAL_SERVER_ERROR so no
 * SQL, stack trace or library message ever leaves the process.
 */
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  INVALID_TOKEN: 'INVALID_TOKEN',
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  FILE_REQUIRED: 'FILE_REQUIRED',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  UNSUPPORTED_IMAGE_TYPE: 'UNSUPPORTED_IMAGE_TYPE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export class UnauthenticatedError extends AppError {
  constructor(reason?: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'SESSION_ENDED') {
    super(ERROR_CODES.UNAUTHENTICATED, 'Authentication required', reason ? { reason } : {});
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed', extensions: Record<string, unknown> = {}) {
    super(ERROR_CODES.FORBIDDEN, message, extensions);
  }
}

export class UserInputError extends AppError {
  constructor(field: string, message: string) {
    super(ERROR_CODES.BAD_USER_INPUT, message, { field });
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super(ERROR_CODES.RATE_LIMITED, `Too many attempts; retry in ${retryAfter} s`, { retryAfter });
  }
}

export const invalidCredentials = () =>
  new AppError(ERROR_CODES.INVALID_CREDENTIALS, 'Email or password is incorrect');
export const invalidToken = () => new AppError(ERROR_CODES.INVALID_TOKEN, 'Token is invalid or expired');
export const emailTaken = (field = 'email') =>
  new AppError(ERROR_CODES.EMAIL_TAKEN, 'An account with this email already exists', { field });
export const accountSuspended = () => new AppError(ERROR_CODES.ACCOUNT_SUSPENDED, 'This account is suspended');
export const invalidClientCredentials = () =>
  new AppError(ERROR_CODES.INVALID_CREDENTIALS, 'Client id or secret is incorrect, or the service account is revoked');
export const notFound = (what: string) => new AppError(ERROR_CODES.NOT_FOUND, `${what} not found`);
export const wrongPassword = (field: string) =>
  new AppError(ERROR_CODES.INVALID_CREDENTIALS, 'Password is incorrect', { field });
export const emailNotVerified = () =>
  new ForbiddenError('Verify your email address to continue', { reason: 'EMAIL_NOT_VERIFIED' });

/** Administrative safety rules; `reason` is stable: SELF, LAST_ADMIN or NOT_ADMIN. */
export const adminActionRefused = (reason: 'SELF' | 'LAST_ADMIN' | 'NOT_ADMIN') =>
  new ForbiddenError(ADMIN_REFUSAL_MESSAGES[reason], { reason });
const ADMIN_REFUSAL_MESSAGES = {
  SELF: 'Administrators cannot change their own role, suspend or delete themselves',
  LAST_ADMIN: 'The last active administrator cannot be demoted, suspended or deleted',
  NOT_ADMIN: 'Administrator role required',
} as const;

/** Errors produced by Apollo/graphql-js itself about the request; safe to show as they are. */
const REQUEST_ERROR_CODES = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

export interface MaskOptions {
  onMasked: (original: unknown) => void;
  /** Strip "Did you mean ...?" hints, which leak schema names (validation AND variable errors). */
  hideSuggestions?: boolean;
}

export function createFormatError({ onMasked, hideSuggestions = false }: MaskOptions) {
  const clean = (formatted: GraphQLFormattedError) =>
    withoutStacktrace(hideSuggestions ? withoutSuggestions(formatted) : formatted);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return clean(formatted);
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return clean(formatted);
    }
    onMasked(original);
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ERROR_CODES.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Covers graphql-js's field, argument, type and enum-value suggestions anywhere in a message. */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/ ?Did you mean [^?]*\?/g, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions?.stacktrace) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
