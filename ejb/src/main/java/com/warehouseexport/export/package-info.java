/**
 * The export job's contract shared by the services and the batch artifacts: job and parameter
 * names, requests, progress, conflicts.
 */
package com.warehouseexport.export;
