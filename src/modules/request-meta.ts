/** Facts about the request that services record or decide on. `now` is the request's clock reading. */
export interface RequestMeta {
  now: Date;
  ipAddress: string | null;
  userAgent: string | null;
}
