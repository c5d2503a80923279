package io.voxhost.tftp.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Devices in the tftp schema. */
@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<DeviceEntity, String> {

  /** The device of {@code mac} if it belongs to {@code tenantId}. */
  public Optional<DeviceEntity> find(UUID tenantId, String mac) {
    return findByIdOptional(mac).filter(d -> d.tenantId.equals(tenantId));
  }

  /** A page in MAC order, starting after {@code after} (null for the first page). */
  public List<DeviceEntity> page(UUID tenantId, String after, int limit) {
    if (after == null) {
      return find("tenantId = ?1 order by mac", tenantId).page(0, limit).list();
    }
    return find("tenantId = ?1 and mac > ?2 order by mac", tenantId, after).page(0, limit).list();
  }
}
