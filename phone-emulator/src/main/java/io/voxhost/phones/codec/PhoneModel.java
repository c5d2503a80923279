package io.voxhost.phones.codec;

import java.util.ArrayList;
import java.util.List;

/** A maker and model of phone, written {@code vendor} or {@code vendor:model} (yealink:T46U). */
public record PhoneModel(Vendor vendor, String name) {

  public PhoneModel {
    if (!name.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException("a model is 1-32 letters, digits, _ or -: " + name);
    }
  }

  /**
   * {@code yealink:T46U,polycom,cisco:CP-8845}: each vendor's default model where none is named.
   */
  public static List<PhoneModel> parseAll(String list) {
    List<PhoneModel> out = new ArrayList<>();
    for (String one : list.split(",")) {
      String[] parts = one.strip().split(":", 2);
      Vendor v =
          Vendor.of(parts[0])
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "a vendor is yealink, polycom, cisco, grandstream or snom: " + parts[0]));
      out.add(new PhoneModel(v, parts.length == 2 ? parts[1].strip() : v.defaultModel()));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("at least one vendor");
    }
    return out;
  }

  /** Phone number {@code n}'s model when a fleet mixes {@code models}: they take turns. */
  public static PhoneModel of(List<PhoneModel> models, int n) {
    return models.get(Math.floorMod(n, models.size()));
  }

  @Override
  public String toString() {
    return vendor.id() + ":" + name;
  }
}
