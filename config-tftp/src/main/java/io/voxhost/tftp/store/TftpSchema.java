package io.voxhost.tftp.store;

import io.voxhost.platform.database.ModuleSchema;
import jakarta.inject.Singleton;

/** The TFTP role's schema: the device registry, sites, tenant variables and the fetch audit. */
@Singleton
public class TftpSchema implements ModuleSchema {

  public static final String NAME = "tftp";

  @Override
  public String name() {
    return NAME;
  }
}
