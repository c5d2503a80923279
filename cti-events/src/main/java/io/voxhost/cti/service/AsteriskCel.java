package io.voxhost.cti.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asterisk's Channel Event Logging rows as our events (cti-formats.md, section 1): the columns of a
 * {@code cel_custom} CSV mapping by name, the linkedid as the call, the uniqueid as the channel,
 * and the other leg a transfer or pickup names (in {@code extra}) as the peer, which is how calls
 * are joined. Event types we have no word for (APP_START, PARK_START, USER_DEFINED ...) are kept as
 * notes.
 */
public final class AsteriskCel {

  /** The source name of CEL events. */
  public static final String SOURCE = "asterisk-cel";

  /**
   * The columns of {@code cel_custom.conf.sample}'s mapping, in order, {@code literal} for its "My
   * Literal" column.
   */
  public static final List<String> SAMPLE_COLUMNS =
      List.of(
          "eventtype",
          "literal",
          "eventtime",
          "cid_name",
          "cid_num",
          "cid_ani",
          "cid_rdnis",
          "cid_dnid",
          "exten",
          "context",
          "channame",
          "appname",
          "appdata",
          "amaflags",
          "accountcode",
          "uniqueid",
          "linkedid",
          "peer",
          "userfield",
          "userdeftype",
          "extra");

  /** A cel table's eventtime: a date, a time to the microsecond at most, perhaps an offset. */
  private static final Pattern TABLE_TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}(:?\\d{2})?)?");

  /** The names a mapping may use for its columns; anything else is ignored (a literal). */
  private static final Map<String, String> ALIASES = aliases();

  private static final Map<String, EventType> TYPES =
      Map.ofEntries(
          Map.entry("CHAN_START", EventType.CHANNEL_START),
          Map.entry("ANSWER", EventType.ANSWER),
          Map.entry("HANGUP", EventType.HANGUP),
          Map.entry("CHAN_END", EventType.CHANNEL_END),
          Map.entry("LINKEDID_END", EventType.CALL_END),
          Map.entry("BRIDGE_ENTER", EventType.BRIDGE_ENTER),
          Map.entry("BRIDGE_EXIT", EventType.BRIDGE_EXIT),
          Map.entry("BLINDTRANSFER", EventType.TRANSFER_BLIND),
          Map.entry("ATTENDEDTRANSFER", EventType.TRANSFER_ATTENDED),
          Map.entry("PICKUP", EventType.PICKUP),
          Map.entry("FORWARD", EventType.FORWARD));

  /** The keys of {@code extra} that name the other leg's uniqueid, by event. */
  private static final Map<EventType, List<String>> PEER_KEYS =
      Map.of(
          EventType.TRANSFER_BLIND, List.of("transferee_channel_uniqueid"),
          EventType.TRANSFER_ATTENDED,
              // The transferer's channel on the other side first: it is always of the other
              // call, which is what the peer joins.
              List.of(
                  "channel2_uniqueid",
                  "transfer_target_channel_uniqueid",
                  "transferee_channel_uniqueid"),
          EventType.PICKUP, List.of("pickup_channel_uniqueid"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> at;
  private final ZoneId zone;

  /**
   * A reader of rows in {@code columns}' order (names as in {@link #SAMPLE_COLUMNS}, or the
   * advanced mapping's: {@code EventType}, {@code EventTime}, {@code UniqueID}, {@code LinkedID},
   * {@code CIDnum} ...; case does not matter).
   *
   * @throws IllegalArgumentException when a column the events need is missing
   */
  public AsteriskCel(List<String> columns) {
    this(columns, ZoneOffset.UTC);
  }

  /**
   * As above, for rows whose {@code eventtime} is a date and time without an offset (the cel
   * table's {@code timestamp}, written in the PBX's {@code zone} unless cel_pgsql's {@code
   * usegmtime} is set).
   */
  public AsteriskCel(List<String> columns, ZoneId zone) {
    this.zone = zone;
    Map<String, Integer> found = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = ALIASES.get(columns.get(i).strip().toLowerCase(Locale.ROOT));
      if (name != null) {
        found.putIfAbsent(name, i);
      }
    }
    for (String needed : List.of("eventtype", "eventtime", "uniqueid", "linkedid")) {
      if (!found.containsKey(needed)) {
        throw new IllegalArgumentException("the columns name no " + needed);
      }
    }
    this.at = Map.copyOf(found);
  }

  /**
   * One row as an event of {@code instance}. Its id is its time, uniqueid and type: CEL has no row
   * number in a CSV, and a channel has one event of a type at one microsecond.
   */
  public EventInput read(String instance, Row row) {
    String eventType = row.get(at.get("eventtype"));
    String userType = field(row, "userdeftype");
    String time = row.get(at.get("eventtime"));
    String uniqueid = row.get(at.get("uniqueid"));
    String rowId = field(row, "id");
    EventType type =
        eventType == null
            ? null
            : TYPES.getOrDefault(eventType.toUpperCase(Locale.ROOT), EventType.NOTE);
    JsonNode extra = extra(field(row, "extra"));
    ObjectNode data = JSON.createObjectNode();
    data.put("eventtype", eventType);
    for (String name :
        List.of(
            "channame",
            "context",
            "appname",
            "appdata",
            "accountcode",
            "peer",
            "userfield",
            "cid_ani",
            "cid_rdnis")) {
      String value = field(row, name);
      if (value != null) {
        data.put(name, value);
      }
    }
    if (userType != null) {
      data.put("userdeftype", userType);
    }
    if (extra != null) {
      data.set("extra", extra);
    }
    String dataText = bounded(data);
    return new EventInput(
        SOURCE,
        instance,
        rowId != null
            ? "cel/" + rowId
            : time == null || uniqueid == null || eventType == null
                ? null
                : time + "/" + uniqueid + "/" + eventType,
        null,
        microsOf(time, zone),
        type == null ? eventType : type.label(),
        row.get(at.get("linkedid")),
        uniqueid,
        type == null ? null : peer(type, extra),
        null,
        null,
        field(row, "cid_num"),
        field(row, "cid_name"),
        Optional.ofNullable(field(row, "exten")).orElse(field(row, "cid_dnid")),
        dataText);
  }

  /** A row's fields by position; null for an absent or empty one. */
  public interface Row {
    String get(int index);
  }

  private String field(Row row, String name) {
    Integer index = at.get(name);
    return index == null ? null : row.get(index);
  }

  /**
   * {@code 1700000000.123456} (CEL's time when {@code dateformat} is unset) as microseconds; any
   * other form is passed on for the rules to read (an RFC 3339 time) or refuse.
   */
  /**
   * {@link #microsOf(String)}, and a date and time such as {@code 2024-12-06 11:46:40.000100} (the
   * cel table's, with or without an offset; without, in {@code zone}) as microseconds too.
   */
  static String microsOf(String time, ZoneId zone) {
    if (time != null && TABLE_TIME.matcher(time).matches()) {
      try {
        String iso = time.replace(' ', 'T');
        Instant at =
            iso.length() > 19 && (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}(:?\\d{2})?$"))
                ? OffsetDateTime.parse(normalisedOffset(iso)).toInstant()
                : LocalDateTime.parse(iso).atZone(zone).toInstant();
        return Long.toString(at.getEpochSecond() * 1_000_000 + at.getNano() / 1000);
      } catch (DateTimeException e) {
        return time;
      }
    }
    return microsOf(time);
  }

  /** PostgreSQL writes {@code +01} for an offset; java.time wants {@code +01:00}. */
  private static String normalisedOffset(String iso) {
    if (iso.endsWith("Z")) {
      return iso;
    }
    int sign = Math.max(iso.lastIndexOf('+'), iso.lastIndexOf('-'));
    String offset = iso.substring(sign + 1).replace(":", "");
    return iso.substring(0, sign + 1)
        + offset.substring(0, 2)
        + ":"
        + (offset.length() > 2 ? offset.substring(2) : "00");
  }

  static String microsOf(String time) {
    if (time == null) {
      return null;
    }
    int dot = time.indexOf('.');
    String seconds = dot < 0 ? time : time.substring(0, dot);
    String fraction = dot < 0 ? "" : time.substring(dot + 1);
    if (seconds.isEmpty()
        || seconds.length() > 12
        || fraction.length() > 6
        || !(seconds + fraction).chars().allMatch(Character::isDigit)) {
      return time;
    }
    return seconds + (fraction + "000000").substring(0, 6);
  }

  private static JsonNode extra(String text) {
    if (text == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? node : JSON.getNodeFactory().textNode(text);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static String peer(EventType type, JsonNode extra) {
    if (extra == null || !extra.isObject()) {
      return null;
    }
    for (String key : PEER_KEYS.getOrDefault(type, List.of())) {
      JsonNode value = extra.get(key);
      if (value != null && value.isTextual() && !value.textValue().equals("N/A")) {
        return value.textValue();
      }
    }
    return null;
  }

  /** The data as JSON text within the rules' bound: the longest values are cut first. */
  private static String bounded(ObjectNode data) {
    String text = data.toString();
    if (text.length() <= EventRules.MAX_DATA) {
      return text;
    }
    data.remove("appdata");
    data.remove("userfield");
    text = data.toString();
    if (text.length() <= EventRules.MAX_DATA) {
      return text;
    }
    data.put("extra", "(cut: longer than " + EventRules.MAX_DATA + " characters)");
    return data.toString();
  }

  private static Map<String, String> aliases() {
    Map<String, String> a = new HashMap<>();
    for (String name : SAMPLE_COLUMNS) {
      a.put(name, name);
    }
    // The advanced mapping's field names (cel_custom.conf.sample), lower-cased.
    a.put("eventtype", "eventtype");
    a.put("eventtime", "eventtime");
    a.put("usereventname", "userdeftype");
    a.put("cidname", "cid_name");
    a.put("cidnum", "cid_num");
    a.put("cidani", "cid_ani");
    a.put("cidrdnis", "cid_rdnis");
    a.put("ciddnid", "cid_dnid");
    a.put("channame", "channame");
    a.put("appname", "appname");
    a.put("appdata", "appdata");
    a.put("acctcode", "accountcode");
    a.put("uniqueid", "uniqueid");
    a.put("linkedid", "linkedid");
    a.put("userfield", "userfield");
    a.put("peer", "peer");
    a.put("extra", "extra");
    // A row of the cel table: its id is the event's.
    a.put("id", "id");
    a.remove("literal");
    return Map.copyOf(a);
  }
}
