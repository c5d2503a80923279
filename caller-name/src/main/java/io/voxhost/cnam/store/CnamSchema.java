package io.voxhost.cnam.store;

import io.voxhost.platform.database.ModuleSchema;
import jakarta.inject.Singleton;

/** The cnam role's schema: tenants' settings, directories and counted dips. */
@Singleton
public class CnamSchema implements ModuleSchema {

  @Override
  public String name() {
    return "cnam";
  }
}
