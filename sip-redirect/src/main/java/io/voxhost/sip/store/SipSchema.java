package io.voxhost.sip.store;

import io.voxhost.platform.database.ModuleSchema;
import jakarta.inject.Singleton;

/** The SIP role's schema: bindings, subscribers and dial-plan routes. */
@Singleton
public class SipSchema implements ModuleSchema {

  public static final String NAME = "sip";

  @Override
  public String name() {
    return NAME;
  }
}
