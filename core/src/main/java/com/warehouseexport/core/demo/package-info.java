/** The demo data generator (also a command-line tool posting to the ingestion API). */
package com.warehouseexport.core.demo;
