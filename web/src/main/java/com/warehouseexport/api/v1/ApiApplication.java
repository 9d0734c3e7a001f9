package com.warehouseexport.api.v1;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JSON APIs: ingestion (bearer ingestion key) and operator/admin APIs (HTTP Basic or a personal
 * API token). WildFly's MicroProfile OpenAPI subsystem serves their description at {@code
 * /openapi}; the annotations here name the security schemes and the shared schemas, {@link
 * OpenApiDefaults} adds the error answers and the security of every operation.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Warehouse Export API",
            version = "1",
            description =
                "Company usage data as CSV: ingestion of tracking data, manual and automatic"
                    + " exports, their history and settings, provisioning. Operators and admins use"
                    + " HTTP Basic or a personal API token (Bearer wxp_…); ingestion uses the"
                    + " environment's ingestion key as a Bearer token. Every 4xx answer has the"
                    + " body {\"error\", \"field\"}."),
    components =
        @Components(
            securitySchemes = {
              @SecurityScheme(
                  securitySchemeName = OpenApiDefaults.BASIC,
                  type = SecuritySchemeType.HTTP,
                  scheme = "basic",
                  description = "An operator's or organization admin's username and password"),
              @SecurityScheme(
                  securitySchemeName = OpenApiDefaults.API_TOKEN,
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  bearerFormat = "wxp_…",
                  description =
                      "A personal API token (POST /api/v1/tokens), acting as its account"),
              @SecurityScheme(
                  securitySchemeName = OpenApiDefaults.INGESTION_KEY,
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  description = "The environment's ingestion key (/api/v1/track/* only)")
            },
            schemas = {
              @Schema(
                  name = OpenApiDefaults.ERROR_SCHEMA,
                  type = SchemaType.OBJECT,
                  description = "The body of every 4xx answer (and of the rare 5xx)",
                  properties = {
                    @SchemaProperty(
                        name = "error",
                        type = SchemaType.STRING,
                        description = "What went wrong, in words for an admin"),
                    @SchemaProperty(
                        name = "field",
                        type = SchemaType.STRING,
                        nullable = true,
                        description = "The offending field or parameter, or null"),
                    @SchemaProperty(
                        name = "errors",
                        type = SchemaType.ARRAY,
                        description =
                            "Settings refused (422): every invalid field at once, each"
                                + " {\"field\", \"message\"}; error and field are the first one's")
                  },
                  requiredProperties = {"error", "field"})
            }))
public class ApiApplication extends Application {}
