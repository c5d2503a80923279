package io.voxhost.platform.database;

import jakarta.inject.Singleton;

/** The platform's own schema: tenants and API keys. */
@Singleton
public class PlatformSchema implements ModuleSchema {

  public static final String NAME = "platform";

  @Override
  public String name() {
    return NAME;
  }
}
