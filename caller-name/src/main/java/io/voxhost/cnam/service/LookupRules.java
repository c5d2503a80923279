package io.voxhost.cnam.service;

import java.util.List;

/**
 * A tenant's caller-name settings; a null field means the node's default.
 *
 * @param defaultRegion ISO 3166 region numbers without {@code +} are read in
 * @param nameLength characters shown, 1-255 (15 for legacy CNAM)
 * @param providers the upstream providers asked, in order; null for the node's default list
 */
public record LookupRules(String defaultRegion, Integer nameLength, List<String> providers) {

  public static final LookupRules DEFAULT = new LookupRules(null, null, null);

  public LookupRules {
    providers = providers == null ? null : List.copyOf(providers);
  }
}
