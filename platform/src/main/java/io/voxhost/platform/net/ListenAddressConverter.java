package io.voxhost.platform.net;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads {@code listen} settings as {@link ListenAddress}, so a bad one stops start-up with the
 * key's name and the reason.
 */
public final class ListenAddressConverter implements Converter<ListenAddress> {

  private static final long serialVersionUID = 1L;

  @Override
  public ListenAddress convert(String value) {
    return ListenAddress.parse(value);
  }
}
