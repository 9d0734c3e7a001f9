/**
 * Starting and steering export executions through the JobOperator, and recovering executions a
 * crash interrupted.
 */
package com.warehouseexport.batch.launch;
