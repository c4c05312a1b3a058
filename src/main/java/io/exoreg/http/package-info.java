/**
 * What every HTTP exchange gets before and after the resources: limits on the request line and
 * body, security headers, the stale-snapshot header, problem documents for the errors the HTTP
 * layer itself raises, one metrics tag for errors on unmatched paths, and the one reading of {@code
 * Accept} (with its weights) that the event-loop route and the resources share, with a 406 when it
 * rules out every type an operation answers in. It also holds the one strict reading of JSON bodies
 * (configured by the bundle format) and what the OpenAPI document says beyond the annotations
 * ({@link io.exoreg.http.ApiDocument}). It depends on the snapshot, the bundle format and the
 * problem format only.
 */
package io.exoreg.http;
