/**
 * Several nodes on one database: node names, heartbeats, batch capacity per node, and exactly-once
 * take-over of a dead node's executions.
 */
package com.warehouseexport.cluster;
