package io.voxhost.cti.store;

import io.voxhost.platform.database.ModuleSchema;
import jakarta.inject.Singleton;

/** The cti role's schema: call events, call records and figures. */
@Singleton
public class CtiSchema implements ModuleSchema {

  @Override
  public String name() {
    return "cti";
  }
}
