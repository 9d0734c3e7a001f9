/** AES-256-GCM encryption of secrets with a key ring (rotation by prepending a key). */
package com.warehouseexport.core.crypto;
