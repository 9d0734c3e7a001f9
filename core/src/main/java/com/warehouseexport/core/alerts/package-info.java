/**
 * Alerts (PRODUCT.md §8) without a container: the webhook signature, the delivery backoff, e-mail
 * address lists, webhook URL rules and the wording of each message.
 */
package com.warehouseexport.core.alerts;
