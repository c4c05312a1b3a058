/**
 * Watches: catalogues kept under an API key, the events that tell their owner which of their
 * results a revision or a day's scheduled change altered, and the delivery of those events to
 * webhooks, signed per the Standard Webhooks scheme, from the outbox the store keeps. Depends on
 * the catalogue checks (a watch's results are an impact's), the store and the edit layer's keys.
 */
package io.exoreg.watch;
