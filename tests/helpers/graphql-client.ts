/**
 * A tiny GraphQL-over-HTTP client for tests: real fetch, a real cookie jar (tough-cookie), an
 * optional bearer token. Returns the parsed body plus the raw response for header assertions.
 */
import { CookieJar } from 'tough-cookie';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> | undefined;
}

export class GraphQLClient {
  readonly jar = new CookieJar();
  accessToken: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly options: { userAgent?: string } = {},
  ) {}

  async request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    init: { token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T>> {
    const url = `${this.baseUrl}/graphql`;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const token = init.token === undefined ? this.accessToken : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    const cookie = await this.jar.getCookieString(url);
    if (cookie) headers.cookie = cookie;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    for (const setCookie of response.headers.getSetCookie()) await this.jar.setCookie(setCookie, url);
    const body = (await response.json()) as { data?: T | null; errors?: GraphQLResponse['errors'] };
    return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
  }

  /** The request's data, failing loudly when the response carries errors. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  async cookieValue(name: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(`${this.baseUrl}/graphql`);
    return cookies.find((c) => c.key === name)?.value;
  }
}
