package io.voxhost.cti.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which call keys of one source instance are one call: two keys are joined when their events share
 * a channel, or when one names as its peer a channel of the other. This is how Asterisk's transfers
 * and pickups join linkedids, and how a queue_log callid (a channel's uniqueid) joins the CEL
 * linkedid the channel belongs to.
 */
public final class CallLinks {

  private CallLinks() {}

  /** The events' call keys, grouped into calls; each group sorted. */
  public static List<TreeSet<String>> groups(Collection<ReceivedEvent> events) {
    Map<String, String> parent = new HashMap<>();
    Map<String, String> keyOfChannel = new HashMap<>();
    for (ReceivedEvent r : events) {
      CallEvent e = r.event();
      parent.putIfAbsent(e.call(), e.call());
      if (e.channel() != null) {
        String other = keyOfChannel.putIfAbsent(e.channel(), e.call());
        if (other != null) {
          join(parent, other, e.call());
        }
      }
    }
    for (ReceivedEvent r : events) {
      CallEvent e = r.event();
      String other = e.peer() == null ? null : keyOfChannel.get(e.peer());
      if (other != null) {
        join(parent, other, e.call());
      }
    }
    Map<String, TreeSet<String>> byRoot = new TreeMap<>();
    for (String key : parent.keySet()) {
      byRoot.computeIfAbsent(root(parent, key), k -> new TreeSet<>()).add(key);
    }
    return new ArrayList<>(byRoot.values());
  }

  private static void join(Map<String, String> parent, String a, String b) {
    String ra = root(parent, a);
    String rb = root(parent, b);
    if (!ra.equals(rb)) {
      // The smaller key is the root, so a group's root does not depend on the events' order.
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }

  private static String root(Map<String, String> parent, String key) {
    String r = key;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    // Path compression keeps repeated joins of a long chain (a ring-all group) cheap.
    String k = key;
    while (!k.equals(r)) {
      String next = parent.get(k);
      parent.put(k, r);
      k = next;
    }
    return r;
  }
}
