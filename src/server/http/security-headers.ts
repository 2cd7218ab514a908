/**
 * Security headers on every response — the console and phone pages' HTML, Swagger UI
 * at /api/docs, JSON, files and errors alike — set by helmet, built once at start-up.
 *
 * The Content-Security-Policy lets a page run only the scripts the server itself sends
 * (no inline script, no eval), talk only to this server, and be framed by nobody.
 * Styles also allow 'unsafe-inline', for these reasons (checked against antd 6.6):
 *  - antd's CSS-in-JS would take a nonce (ConfigProvider `csp={{ nonce }}`), but
 *    @rc-component/portal's scroll locker (every Modal and Drawer) and
 *    @rc-component/util's scrollbar measurement insert <style> elements without one;
 *  - ECharts' HTML tooltips write `style="…"` attributes through innerHTML;
 *  - the HTML shells are built files sent precompressed; a nonce would mean rewriting
 *    them on every response.
 * What an injected style could still do is limited by the other directives: it can
 * load no image, font or connection from elsewhere, so it cannot carry data away.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  // QR codes and posters are PNG/SVG from the API, ECharts and antd draw data: and blob: images.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** The header value, as a test or a reverse proxy's configuration would compare it. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join(';');

const setHeaders = helmet({
  // Not helmet's defaults: they add upgrade-insecure-requests, which breaks a plain-HTTP
  // intranet deployment, and allow styles and fonts from any https: origin.
  contentSecurityPolicy: {
    useDefaults: false,
    directives: Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])),
  },
  // Phone pages carry their token in the URL: no Referer leaves the platform.
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
  // The platform may sit under a district's domain whose other hosts it does not know of.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
});

/**
 * One synchronous hook with helmet's middleware built once (@fastify/helmet would
 * rebuild it, and parse the policy again, on every request: about 13 µs of CPU each).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  // Since helmet 8.1 the middleware throws rather than passes an error on (and built once, it has none).
  app.addHook('onRequest', (req, reply, done) => setHeaders(req.raw, reply.raw, () => done()));
}
