/**
 * The error format: every exception becomes an RFC 9457 {@code application/problem+json} answer
 * with a fixed, helpful detail; the exception itself goes only to the log.
 */
package io.exoreg.problem;
