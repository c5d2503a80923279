package io.voxhost.tftp.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.ResourceConflict;
import io.voxhost.tftp.store.DeviceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Devices from CSV ({@code mac,vendor,model,site,timeZone,language,lineUser,lineDisplayName,
 * linePassword}; RFC 4180 quoting, an optional header line, empty fields for none). Every row is
 * checked before anything is written; one bad row means nothing is, and every bad row is reported
 * by its line number. A MAC already registered by the same tenant is replaced.
 */
@ApplicationScoped
public class DeviceImport {

  static final int MAX_REPORTED = 100;
  static final int MAX_ROWS = 100_000;

  private final DeviceService devices;
  private final DeviceRepository repository;
  private final CsvMapper csv = new CsvMapper();

  DeviceImport(DeviceService devices, DeviceRepository repository) {
    this.devices = devices;
    this.repository = repository;
  }

  /** What an import did: {@code imported} rows, or the problems that stopped it. */
  public record Outcome(int imported, int badRows, List<RowProblem> problems) {}

  public record RowProblem(long line, String message) {}

  public Outcome run(UUID tenantId, Reader body) throws IOException {
    List<DeviceSpec> specs = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    int bad = 0;
    Set<String> seen = new HashSet<>();
    try (MappingIterator<String[]> it =
        csv.readerForArrayOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readValues(body)) {
      boolean first = true;
      long nextLine = 1; // the parser stands at the start of the next row after reading one
      while (it.hasNextValue()) {
        String[] f = it.nextValue();
        long line = nextLine;
        nextLine = it.getCurrentLocation().getLineNr();
        if (first && f.length > 0 && f[0].strip().equalsIgnoreCase("mac")) {
          first = false;
          continue;
        }
        first = false;
        if (specs.size() + bad >= MAX_ROWS) {
          problems.add(new RowProblem(line, "more than " + MAX_ROWS + " rows"));
          bad++;
          break;
        }
        String problem = check(f, specs, seen, tenantId);
        if (problem != null) {
          bad++;
          if (problems.size() < MAX_REPORTED) {
            problems.add(new RowProblem(line, problem));
          }
        }
      }
    } catch (RuntimeException e) {
      problems.add(new RowProblem(0, "not CSV: " + e.getMessage()));
      return new Outcome(0, bad + 1, problems);
    }
    if (bad > 0) {
      return new Outcome(0, bad, problems);
    }
    try {
      return new Outcome(devices.createAll(tenantId, specs), 0, List.of());
    } catch (InvalidInput e) {
      return new Outcome(
          0,
          1,
          e.problems().stream()
              .map(p -> new RowProblem(0, p.field() + ": " + p.message()))
              .toList());
    } catch (ResourceConflict e) {
      return new Outcome(0, 1, List.of(new RowProblem(0, e.getMessage())));
    }
  }

  /** Adds the row's device to {@code specs}; returns why it cannot be, or null. */
  private String check(String[] f, List<DeviceSpec> specs, Set<String> seen, UUID tenantId) {
    if (f.length < 3 || f.length > 9) {
      return "expected 3 to 9 fields (mac,vendor,model,...), found " + f.length;
    }
    String lineUser = field(f, 6);
    List<Device.Line> lines =
        lineUser == null
            ? List.of()
            : List.of(new Device.Line(lineUser, field(f, 7), null, field(f, 8)));
    DeviceSpec spec =
        new DeviceSpec(
            field(f, 0),
            field(f, 1),
            field(f, 2),
            field(f, 3),
            field(f, 4),
            field(f, 5),
            lines,
            Map.of(),
            null,
            null);
    List<InvalidInput.FieldProblem> problems = DeviceRules.check(spec, false);
    if (!problems.isEmpty()) {
      InvalidInput.FieldProblem p = problems.get(0);
      return p.field() + " " + p.message();
    }
    String mac = MacAddress.parse(spec.mac()).orElseThrow().value();
    if (!seen.add(mac)) {
      return "MAC " + spec.mac() + " appears twice";
    }
    if (repository.findByIdOptional(mac).filter(d -> !d.tenantId.equals(tenantId)).isPresent()) {
      return "a device with MAC " + spec.mac() + " is registered";
    }
    specs.add(spec);
    return null;
  }

  private static String field(String[] f, int i) {
    if (i >= f.length) {
      return null;
    }
    String v = f[i].strip();
    return v.isEmpty() ? null : v;
  }
}
