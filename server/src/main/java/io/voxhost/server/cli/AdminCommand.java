package io.voxhost.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code voxhost admin}: tenants and their keys through the node's admin API ({@code
 * /api/v1/admin/tenants}), with the admin key from the data directory.
 */
@Command(
    name = "admin",
    usageHelpAutoWidth = true,
    description = {
      "Creates and lists tenants and their API keys through the node's admin API, with the"
          + " admin key from its data directory (run it as the node's user).",
      "Exits 0 on success, 1 when the API refuses (its problem in one line), 66 when the admin"
          + " key cannot be read, 69 when the node does not answer, 78 on a configuration error."
    },
    subcommands = {AdminCommand.Tenants.class, AdminCommand.Keys.class})
final class AdminCommand implements Runnable {

  private static final String TENANTS = "api/v1/admin/tenants";

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code voxhost admin tenants ...} */
  @Command(
      name = "tenants",
      usageHelpAutoWidth = true,
      description = "Lists and creates tenants (the businesses on the platform).")
  static final class Tenants implements Runnable {

    @Mixin HelpOption help;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "list",
        usageHelpAutoWidth = true,
        description = "Lists every tenant, in slug order.")
    int list(@Mixin HelpOption help, @Mixin NodeOptions node, @Mixin AdminKeyOption key) {
      return call(
          spec,
          node,
          key,
          (api, admin, out) -> {
            NodeApi.Answer answer = refusedUnlessOk(api.get(TENANTS, Optional.of(admin)));
            if (node.json) {
              out.println(answer.body());
              return Exit.OK;
            }
            Table table = new Table("SLUG", "NAME", "SIP DOMAIN", "CREATED");
            for (JsonNode t : answer.json()) {
              table.add(
                  t.path("slug").asText(),
                  t.path("name").asText(),
                  t.path("sipDomain").asText(),
                  time(t.path("createdAt")));
            }
            table.print(out);
            return Exit.OK;
          });
    }

    @Command(
        name = "create",
        usageHelpAutoWidth = true,
        description = "Creates a tenant. It has no API key yet: make one with 'admin keys create'.")
    int create(
        @Mixin HelpOption help,
        @Parameters(
                paramLabel = "SLUG",
                description =
                    "The tenant's name in URLs: lower-case letters, digits and inner hyphens,"
                        + " such as acme-east. It cannot change later.")
            String slug,
        @Option(
                names = "--sip-domain",
                required = true,
                paramLabel = "DOMAIN",
                description =
                    "The DNS domain its phones register to, such as acme.voxhost.net; one tenant"
                        + " per domain.")
            String sipDomain,
        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "Display name (default: the slug).")
            String name,
        @Mixin NodeOptions node,
        @Mixin AdminKeyOption key) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("slug", slug);
      body.put("name", name != null ? name : slug);
      body.put("sipDomain", sipDomain);
      return call(
          spec,
          node,
          key,
          (api, admin, out) -> {
            NodeApi.Answer answer = refusedUnlessOk(api.post(TENANTS, admin, body));
            if (node.json) {
              out.println(answer.body());
              return Exit.OK;
            }
            JsonNode t = answer.json();
            out.println(
                "created tenant "
                    + t.path("slug").asText()
                    + " ("
                    + t.path("name").asText()
                    + "), SIP domain "
                    + t.path("sipDomain").asText());
            return Exit.OK;
          });
    }
  }

  /** {@code voxhost admin keys ...} */
  @Command(
      name = "keys",
      usageHelpAutoWidth = true,
      description = "Lists, creates and revokes a tenant's API keys.")
  static final class Keys implements Runnable {

    @Mixin HelpOption help;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "list",
        usageHelpAutoWidth = true,
        description = "Lists the tenant's keys, revoked ones included; never their secrets.")
    int list(
        @Mixin HelpOption help,
        @Parameters(paramLabel = "TENANT", description = "The tenant's slug.") String tenant,
        @Mixin NodeOptions node,
        @Mixin AdminKeyOption key) {
      return call(
          spec,
          node,
          key,
          (api, admin, out) -> {
            NodeApi.Answer answer = refusedUnlessOk(api.get(keys(tenant), Optional.of(admin)));
            if (node.json) {
              out.println(answer.body());
              return Exit.OK;
            }
            Table table = new Table("PREFIX", "LABEL", "SCOPE", "CREATED", "LAST USED", "REVOKED");
            for (JsonNode k : answer.json()) {
              table.add(
                  k.path("prefix").asText(),
                  k.path("label").asText(),
                  k.path("scope").asText(),
                  time(k.path("createdAt")),
                  time(k.path("lastUsedAt")),
                  time(k.path("revokedAt")));
            }
            table.print(out);
            return Exit.OK;
          });
    }

    @Command(
        name = "create",
        usageHelpAutoWidth = true,
        description = {
          "Issues an API key for the tenant and prints it on stdout (its prefix, scope and a"
              + " reminder on stderr), so that KEY=$(voxhost admin keys create acme) works.",
          "This is the only time the key is shown: only its hash is stored."
        })
    int create(
        @Mixin HelpOption help,
        @Parameters(paramLabel = "TENANT", description = "The tenant's slug.") String tenant,
        @Option(
                names = "--label",
                paramLabel = "TEXT",
                defaultValue = "voxhost admin",
                description =
                    "What the key is for, such as 'CRM downloads' (default: ${DEFAULT-VALUE}).")
            String label,
        @Option(
                names = "--scope",
                paramLabel = "SCOPE",
                defaultValue = "full",
                description =
                    "full (everything; the only scope that manages keys), read-only (GET and"
                        + " HEAD on every API) or recordings-read (GET and HEAD of recordings)."
                        + " Default: ${DEFAULT-VALUE}.")
            String scope,
        @Mixin NodeOptions node,
        @Mixin AdminKeyOption key) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("label", label);
      body.put("scope", scope);
      return call(
          spec,
          node,
          key,
          (api, admin, out) -> {
            NodeApi.Answer answer = refusedUnlessOk(api.post(keys(tenant), admin, body));
            if (node.json) {
              out.println(answer.body());
              return Exit.OK;
            }
            JsonNode k = answer.json();
            out.println(k.path("key").asText());
            spec.commandLine()
                .getErr()
                .println(
                    "voxhost: key "
                        + k.path("prefix").asText()
                        + " ("
                        + k.path("scope").asText()
                        + ") issued for "
                        + tenant
                        + "; this is the only time it is shown");
            return Exit.OK;
          });
    }

    @Command(
        name = "revoke",
        usageHelpAutoWidth = true,
        description = "Revokes a tenant's key, named by its prefix (vx_ and 8 characters).")
    int revoke(
        @Mixin HelpOption help,
        @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant's slug.")
            String tenant,
        @Parameters(index = "1", paramLabel = "PREFIX", description = "The key's prefix.")
            String prefix,
        @Mixin NodeOptions node,
        @Mixin AdminKeyOption key) {
      return call(
          spec,
          node,
          key,
          (api, admin, out) -> {
            NodeApi.Answer answer =
                refusedUnlessOk(api.delete(keys(tenant) + "/" + segment(prefix), admin));
            out.println(
                node.json
                    ? answer.body()
                    : "revoked key "
                        + prefix
                        + " of "
                        + tenant
                        + " at "
                        + time(answer.json().path("revokedAt")));
            return Exit.OK;
          });
    }

    private static String keys(String tenant) {
      return TENANTS + "/" + segment(tenant) + "/keys";
    }
  }

  /** One admin call, its failures turned into one line on stderr and an exit code. */
  @FunctionalInterface
  interface Call {
    int run(NodeApi api, String adminKey, PrintWriter out)
        throws CommandFailure, NodeApi.Unreachable;
  }

  static int call(CommandSpec spec, NodeOptions node, AdminKeyOption key, Call call) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      NodeApi api = node.api();
      return call.run(api, key.read(), spec.commandLine().getOut());
    } catch (CommandFailure e) {
      err.println("voxhost: " + e.getMessage());
      return e.exitCode();
    } catch (NodeApi.Unreachable e) {
      err.println("voxhost: " + e.getMessage());
      return Exit.UNAVAILABLE;
    }
  }

  static NodeApi.Answer refusedUnlessOk(NodeApi.Answer answer) throws CommandFailure {
    if (!answer.ok()) {
      throw new CommandFailure(Exit.REFUSED, answer.problem());
    }
    return answer;
  }

  /** A path segment: whatever was typed stays one segment. */
  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An instant to the second, as a table shows it; absent is empty. */
  static String time(JsonNode instant) {
    return instant.isTextual() ? instant.asText().replaceFirst("\\.\\d+Z$", "Z") : "";
  }
}
