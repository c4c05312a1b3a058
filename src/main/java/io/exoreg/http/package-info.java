/**
 * What every HTTP exchange gets before and after the resources: limits on the request line and
 * body, security headers, the stale-snapshot header, and problem documents for the errors the HTTP
 * layer itself raises.
 */
package io.exoreg.http;
