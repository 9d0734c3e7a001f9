package com.warehouseexport.api.v1;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated OpenAPI document (registered as {@code mp.openapi.filter} in the WAR's
 * {@code META-INF/microprofile-config.properties}): every operation gets the security it needs
 * (ingestion key on {@code /api/v1/track/*}; HTTP Basic or a personal API token elsewhere) and the
 * error answers it may give, all with the {@value #ERROR_SCHEMA} body, unless an annotation already
 * described them.
 */
public class OpenApiDefaults implements OASFilter {

  public static final String BASIC = "basic";
  public static final String API_TOKEN = "apiToken";
  public static final String INGESTION_KEY = "ingestionKey";
  public static final String ERROR_SCHEMA = "Error";

  /** The error answers any operation may give (docs/api.md, "Input limits and error answers"). */
  static final Map<String, String> ERRORS =
      Map.of(
          "400", "Malformed request: a field, parameter or body that is not as documented",
          "401", "Not signed in: missing or wrong credentials (WWW-Authenticate: Basic)",
          "403", "Signed in, but not allowed (another organization, the plan, or the role)",
          "404", "No such resource, or not visible to the caller",
          "413", "Request body too large",
          "429", "Too many failed sign-ins, or a fairness limit; see Retry-After");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              boolean ingestion = path.startsWith("/api/v1/track");
              for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                complete(e.getValue(), ingestion);
              }
            });
  }

  private static void complete(Operation operation, boolean ingestion) {
    if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
      operation.setSecurity(
          ingestion
              ? List.of(OASFactory.createSecurityRequirement().addScheme(INGESTION_KEY))
              : List.of(
                  OASFactory.createSecurityRequirement().addScheme(BASIC),
                  OASFactory.createSecurityRequirement().addScheme(API_TOKEN)));
    }
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    for (Map.Entry<String, String> error : ERRORS.entrySet()) {
      if (responses.getAPIResponse(error.getKey()) == null) {
        responses.addAPIResponse(error.getKey(), errorResponse(error.getValue()));
      }
    }
  }

  private static APIResponse errorResponse(String description) {
    return OASFactory.createAPIResponse()
        .description(description)
        .content(
            OASFactory.createContent()
                .addMediaType(
                    "application/json",
                    OASFactory.createMediaType()
                        .schema(
                            OASFactory.createSchema()
                                .ref("#/components/schemas/" + ERROR_SCHEMA))));
  }
}
