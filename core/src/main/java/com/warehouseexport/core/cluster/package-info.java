/** Several nodes on one database: which node is alive, and whose work a live node takes over. */
package com.warehouseexport.core.cluster;
