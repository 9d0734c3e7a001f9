package com.warehouseexport.api.v1;

import com.warehouseexport.security.AccountService;
import com.warehouseexport.security.Role;
import com.warehouseexport.tenancy.Organization;
import com.warehouseexport.tenancy.ProvisioningService;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Operators create an organization's admins: {@code POST /api/v1/organizations/{id}/admins} {@code
 * {"username","password"}} → 201 {@code {"username","organizationId","role"}}. The password is
 * stored hashed only; an unknown organization answers 404, invalid input 400.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationAdminResource {

  @EJB private AccountService accounts;
  @EJB private ProvisioningService provisioning;
  @Inject private Access access;
  @Context private UriInfo uriInfo;

  @POST
  @Path("/organizations/{id}/admins")
  public Response create(@PathParam("id") long organizationId, JsonObject body) {
    access.requireOperator();
    Organization organization = provisioning.organization(organizationId);
    String username = JsonBodies.string(body, "username");
    String password = JsonBodies.string(body, "password");
    accounts.create(username, password.toCharArray(), Role.ORG_ADMIN, organization.getId());
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("v1/organizations/{id}/admins/{username}")
                .build(organization.getId(), username))
        .entity(
            Json.createObjectBuilder()
                .add("username", username)
                .add("organizationId", organization.getId())
                .add("role", Role.ORG_ADMIN.group())
                .build())
        .build();
  }
}
