package com.warehouseexport.it.console;

import com.warehouseexport.it.Api;
import jakarta.json.Json;
import java.util.UUID;

/** An org admin of a new organization (one environment), created through the operator API. */
record Admin(Api.Tenant tenant, String organization, String username, String password) {

  static Admin create(Api api, String plan) {
    String organization = "Console " + plan + " " + UUID.randomUUID().toString().substring(0, 8);
    Api.Tenant tenant = api.newTenant(organization, plan);
    String username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "secret-" + UUID.randomUUID();
    Api.Answer created =
        api.asOperator(
            "POST",
            "/api/v1/organizations/" + tenant.organizationId() + "/admins",
            Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .build()
                .toString());
    if (created.status() != 201) {
      throw new IllegalStateException("admin: " + created.status() + " " + created.body());
    }
    return new Admin(tenant, organization, username, password);
  }
}
