package io.voxhost.platform.api.auth;

import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.service.KeyOwner;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * Who is calling the current {@code /api} request, as established by its bearer key. Resources of
 * every module take the tenant from here, never from the request.
 */
@RequestScoped
public class AuthenticatedClient {

  private KeyOwner owner;

  /** Set once per request by the authentication filter. */
  public void authenticatedAs(KeyOwner owner) {
    this.owner = owner;
  }

  public KeyOwner owner() {
    if (owner == null) {
      throw ApiProblem.unauthorized("an API key is required", "Bearer realm=\"voxhost\"");
    }
    return owner;
  }

  /** The caller's tenant; admin keys act for no tenant and get 403 here. */
  public UUID tenantId() {
    return owner()
        .tenantId()
        .orElseThrow(
            () ->
                ApiProblem.forbidden(
                    "this endpoint acts for one tenant: call it with that tenant's API key"));
  }

  public void requireAdmin() {
    if (!owner().isAdmin()) {
      throw ApiProblem.forbidden("this endpoint needs an admin API key");
    }
  }
}
