package io.voxhost.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code voxhost status}: the node's readiness, roles and ports, from its health endpoint. */
@Command(
    name = "status",
    usageHelpAutoWidth = true,
    description = {
      "Shows whether the node is ready, and each role's state and ports, from its readiness"
          + " endpoint (/q/health/ready).",
      "Exits 0 when the node is ready, 3 when it is not ready or does not answer (like an LSB"
          + " init script's status), 78 when the configuration cannot be read."
    })
final class StatusCommand implements Callable<Integer> {

  private static final String READINESS = "q/health/ready";

  @Mixin HelpOption help;

  @Mixin NodeOptions node;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NodeApi api;
    NodeApi.Answer answer;
    try {
      api = node.api();
      answer = api.get(READINESS, Optional.empty());
    } catch (CommandFailure e) {
      err.println("voxhost: " + e.getMessage());
      return e.exitCode();
    } catch (NodeApi.Unreachable e) {
      err.println("voxhost: not running: " + e.getMessage());
      return Exit.NOT_READY;
    }
    if (answer.status() != 200 && answer.status() != 503) {
      err.println(
          "voxhost: "
              + api.base()
              + READINESS
              + " answered HTTP "
              + answer.status()
              + ": is it a Voxhost node?");
      return Exit.NOT_READY;
    }
    JsonNode health = answer.json();
    boolean ready = answer.status() == 200 && "UP".equals(health.path("status").asText());
    if (node.json) {
      out.println(answer.body());
    } else {
      out.println((ready ? "ready" : "not ready") + ": " + api.base());
      Table table = new Table("CHECK", "STATE");
      for (List<String> row : rows(health)) {
        table.add(row.get(0), row.get(1));
      }
      table.print(out);
    }
    return ready ? Exit.OK : Exit.NOT_READY;
  }

  /**
   * One row per role (the {@code roles} check names each with its state and ports) and one per
   * other check (the database, for one).
   */
  private static List<List<String>> rows(JsonNode health) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode check : health.path("checks")) {
      String name = check.path("name").asText();
      if (name.equals("roles") && check.path("data").isObject()) {
        for (Map.Entry<String, JsonNode> role : iterable(check.path("data"))) {
          rows.add(List.of("role " + role.getKey(), role.getValue().asText()));
        }
        if (!check.path("data").fields().hasNext()) {
          rows.add(List.of("roles", check.path("status").asText()));
        }
      } else {
        rows.add(List.of(name, check.path("status").asText()));
      }
    }
    return rows;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }
}
