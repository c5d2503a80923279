package io.voxhost.platform.api;

import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Reloaded;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Stands in, in the platform's tests only, for a role with a bulk import (SIP's subscribers, TFTP's
 * devices): the role {@code imports} declares {@code /api/v1/imports/csv} as its import path, and
 * the resources read their bodies as those roles do (an {@code InputStream}), or whole (a byte
 * array, as JSON bodies are read), answering how many bytes arrived.
 */
public final class ImportsStandIn {

  private ImportsStandIn() {}

  /** The role that declares the import path. */
  @ApplicationScoped
  public static class ImportsRole implements Role {

    @Override
    public String name() {
      return "imports";
    }

    @Override
    public List<String> httpPaths() {
      return List.of("/api/v1/imports");
    }

    @Override
    public List<String> importPaths() {
      return List.of("/api/v1/imports/csv");
    }

    @Override
    public void start() {}

    @Override
    public Drained drain(Instant deadline) {
      return Drained.complete("idle");
    }

    @Override
    public Reloaded reload(ReloadedSettings settings) {
      return Reloaded.nothing();
    }

    @Override
    public void stop() {}

    @Override
    public RoleHealth health() {
      return RoleHealth.ready("stand-in");
    }
  }

  /** The resources: one import path, one ordinary path of the same role. */
  @Path("/api/v1/imports")
  @Produces(MediaType.TEXT_PLAIN)
  public static class ImportsResource {

    /** Streams the body as the CSV imports do, counting its bytes. */
    @POST
    @Path("csv")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public String importCsv(InputStream body) throws IOException {
      byte[] buffer = new byte[65_536];
      long count = 0;
      for (int n; (n = body.read(buffer)) >= 0; ) {
        count += n;
      }
      return Long.toString(count);
    }

    /** Not an import path: reads the body whole. */
    @POST
    @Path("notes")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public String notes(byte[] body) {
      return Integer.toString(body.length);
    }

    /** Not an import path either, but streams like an import. */
    @POST
    @Path("stream")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public String stream(InputStream body) throws IOException {
      return importCsv(body);
    }
  }
}
