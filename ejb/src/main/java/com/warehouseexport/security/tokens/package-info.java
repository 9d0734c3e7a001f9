/**
 * Personal API tokens: created by an operator or org admin for their scripts, shown once, stored as
 * a SHA-256 hash only, optionally expiring, revocable, sent as {@code Authorization: Bearer wxp_…}.
 * A token acts as its account, with the account's current role and organization.
 */
package com.warehouseexport.security.tokens;
