/**
 * Alerts (PRODUCT.md §8): notification targets per environment (signed HTTPS webhooks, e-mail
 * through the server's mail session), the events of automatic export (failed for good, auto-paused,
 * recovered) and a persistent outbox drained by a timer with backoff.
 */
package com.warehouseexport.alerts;
