package com.warehouseexport.api.v1;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JSON APIs: ingestion (bearer ingestion key) and operator/admin APIs (HTTP Basic or a personal
 * API token).
 */
@ApplicationPath("/api")
public class ApiApplication extends Application {}
