package io.voxhost.tftp.service;

import io.voxhost.platform.imports.CsvImport;
import io.voxhost.platform.imports.ImportRejected;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.ResourceConflict;
import io.voxhost.tftp.store.DeviceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Devices from CSV ({@code mac,vendor,model,site,timeZone,language,lineUser,lineDisplayName,
 * linePassword}; RFC 4180 quoting, an optional header line, empty fields for none). Every row is
 * checked before anything is written; one bad row means nothing is, and every bad row is reported
 * by its line number. A MAC already registered by the same tenant is updated: only the columns the
 * row carries change; its variables and HTTP credentials, which no import carries, stay.
 */
@ApplicationScoped
public class DeviceImport {

  private final DeviceService devices;
  private final DeviceRepository repository;

  DeviceImport(DeviceService devices, DeviceRepository repository) {
    this.devices = devices;
    this.repository = repository;
  }

  /** Creates or replaces every row's device, or none: {@link ImportRejected} names the bad ones. */
  public int run(UUID tenantId, Reader body) throws IOException, ImportRejected {
    Set<String> seen = new HashSet<>();
    List<DeviceService.ImportedDevice> specs =
        CsvImport.read(body, "mac", f -> row(f, seen, tenantId));
    try {
      return devices.createAll(tenantId, specs);
    } catch (InvalidInput e) {
      throw new ImportRejected(
          e.problems().stream()
              .map(p -> new ImportRejected.RowProblem(0, p.field() + ": " + p.message()))
              .toList(),
          1);
    } catch (ResourceConflict e) {
      throw new ImportRejected(List.of(new ImportRejected.RowProblem(0, e.getMessage())), 1);
    }
  }

  private DeviceService.ImportedDevice row(CsvImport.Fields f, Set<String> seen, UUID tenantId)
      throws CsvImport.BadRow {
    return new DeviceService.ImportedDevice(spec(f, seen, tenantId), f.count());
  }

  /** The row's device; {@link CsvImport.BadRow} says why it cannot be. */
  private DeviceSpec spec(CsvImport.Fields f, Set<String> seen, UUID tenantId)
      throws CsvImport.BadRow {
    if (f.count() < 3 || f.count() > 9) {
      throw new CsvImport.BadRow(
          "expected 3 to 9 fields (mac,vendor,model,...), found " + f.count());
    }
    String lineUser = f.get(6);
    List<Device.Line> lines =
        lineUser == null ? List.of() : List.of(new Device.Line(lineUser, f.get(7), null, f.get(8)));
    DeviceSpec spec =
        new DeviceSpec(
            f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), lines, Map.of(), null,
            null);
    List<InvalidInput.FieldProblem> problems = DeviceRules.check(spec, false);
    if (!problems.isEmpty()) {
      InvalidInput.FieldProblem p = problems.get(0);
      throw new CsvImport.BadRow(p.field() + " " + p.message());
    }
    String mac = MacAddress.parse(spec.mac()).orElseThrow().value();
    if (!seen.add(mac)) {
      throw new CsvImport.BadRow("MAC " + spec.mac() + " appears twice");
    }
    if (repository.findByIdOptional(mac).filter(d -> !d.tenantId.equals(tenantId)).isPresent()) {
      throw new CsvImport.BadRow("a device with MAC " + spec.mac() + " is registered");
    }
    return spec;
  }
}
