package com.warehouseexport.api.v1;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.security.tokens.ApiTokenService;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The caller's personal API tokens: {@code POST /api/v1/tokens {"name", "expiresAt"?}} → 201 with
 * the token's {@code secret}, shown this once; {@code GET /api/v1/tokens} lists them without the
 * secret; {@code DELETE /api/v1/tokens/{id}} revokes one (204). Each caller sees only their own.
 * Creating and revoking need a person signed in with a password: a token gets 403 (a leaked token
 * must not mint successors that outlive its revocation). The expiry is at most {@code
 * API_TOKEN_MAX_LIFETIME} away (default 365 days, also when none is given); a later or unparseable
 * one is a 400 naming {@code expiresAt}.
 */
@Path("/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  @EJB private ApiTokenService tokens;
  @Inject private Access access;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.TokenCreate.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created; the secret is shown only in this answer",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.TokenCreated.class)))
  public Response create(JsonObject body) {
    String username = access.requirePerson("create tokens").username();
    if (body == null) {
      throw new InvalidInputException("name", "send {\"name\": \"…\", \"expiresAt\": \"…\"?}");
    }
    JsonValue name = body.get("name");
    if (!(name instanceof JsonString)) {
      throw new InvalidInputException("name", "name is a required string");
    }
    JsonValue expires = body.get("expiresAt");
    Instant expiresAt = null;
    if (expires != null && expires.getValueType() != JsonValue.ValueType.NULL) {
      if (!(expires instanceof JsonString text)) {
        throw new InvalidInputException("expiresAt", "expiresAt is an ISO-8601 instant or null");
      }
      try {
        expiresAt = Instant.parse(text.getString());
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            "expiresAt", "expiresAt is an ISO-8601 instant such as 2027-01-31T00:00:00Z");
      }
    }
    ApiTokenService.Created created =
        tokens.create(username, ((JsonString) name).getString(), expiresAt, Instant.now());
    JsonObject json = json(created.token()).add("secret", created.secret()).build();
    return Response.created(URI.create("v1/tokens/" + created.token().id())).entity(json).build();
  }

  @GET
  public JsonObject list() {
    JsonArrayBuilder items = Json.createArrayBuilder();
    tokens.list(access.caller().username(), Instant.now()).forEach(t -> items.add(json(t)));
    return Json.createObjectBuilder().add("tokens", items).build();
  }

  @DELETE
  @Path("/{id}")
  public Response revoke(@PathParam("id") long id) {
    tokens.revoke(access.requirePerson("revoke tokens").username(), id);
    return Response.noContent().build();
  }

  private static JsonObjectBuilder json(ApiTokenService.TokenView t) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", t.id())
            .add("name", t.name())
            .add("hint", t.hint())
            .add("createdAt", t.createdAt().toString());
    if (t.expiresAt() == null) {
      json.addNull("expiresAt");
    } else {
      json.add("expiresAt", t.expiresAt().toString());
    }
    return json.add("expired", t.expired());
  }
}
