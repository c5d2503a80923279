package io.voxhost.phones.service;

import java.util.function.IntFunction;

/**
 * Whom a fleet's phones may call: the whole fleet, of which this process may run a slice.
 *
 * @param fleetFirst the number of the fleet's first phone
 * @param fleetSize phones in the whole fleet
 * @param localFirst the number of this process's first phone
 * @param user the user a phone of that number registers as (its callers dial it)
 */
public record Callees(int fleetFirst, int fleetSize, int localFirst, IntFunction<String> user) {

  /** A fleet all in this process. */
  public static Callees local(int first, int size, IntFunction<String> user) {
    return new Callees(first, size, first, user);
  }
}
