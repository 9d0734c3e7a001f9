package com.warehouseexport.api.v1;

import com.warehouseexport.platform.SystemInfo;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operators: what the server runs on (persistence provider, database, job repository). */
@Path("/v1/system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

  @EJB private SystemInfo info;
  @Inject private Access access;

  @GET
  public JsonObject system() {
    access.requireOperator();
    return info.describe();
  }
}
