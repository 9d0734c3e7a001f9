/**
 * Organizations and their plans, environments and their ingestion keys (operators' provisioning).
 */
package com.warehouseexport.tenancy;
