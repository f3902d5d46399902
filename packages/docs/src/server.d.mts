/** The built site's folder (this package's dist/). */
export declare const siteDir: string;

/** Serves `root` (default: the built site) over HTTP on loopback; resolves once listening. */
export declare function serveSite(options?: {
  root?: string;
  port?: number;
  host?: string;
}): Promise<{ url: string; close(): Promise<void> }>;
