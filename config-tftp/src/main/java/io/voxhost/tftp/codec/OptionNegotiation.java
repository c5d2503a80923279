package io.voxhost.tftp.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a read request's options: RFC 2347 negotiation of {@code blksize} (RFC 2348),
 * {@code timeout} and {@code tsize} (RFC 2349) and {@code windowsize} (RFC 7440). An option with a
 * value out of its RFC's range, or not a number, is left out of the OACK as RFC 2347 allows, and so
 * is every option this server does not know.
 *
 * @param maxBlockSize the largest block this server sends (at most 65464)
 * @param maxWindowBytes blocks in flight, times their size, never exceed this: a window larger than
 *     the receiver's socket buffer loses its tail every time
 */
public record OptionNegotiation(int maxBlockSize, int maxWindowSize, int maxWindowBytes) {

  public static final int DEFAULT_BLOCK_SIZE = 512;
  public static final int MIN_BLOCK_SIZE = 8;
  public static final int MAX_BLOCK_SIZE = 65464;

  public OptionNegotiation {
    maxBlockSize = Math.max(MIN_BLOCK_SIZE, Math.min(MAX_BLOCK_SIZE, maxBlockSize));
    maxWindowSize = Math.max(1, Math.min(65535, maxWindowSize));
    maxWindowBytes = Math.max(maxBlockSize, maxWindowBytes);
  }

  /**
   * What the transfer will use, and the options to acknowledge (empty: answer with DATA at once).
   *
   * @param size the file's size in the transfer's mode, for {@code tsize}
   */
  public Negotiated negotiate(List<Option> requested, long size) {
    int blockSize = DEFAULT_BLOCK_SIZE;
    int windowSize = 1;
    int timeout = 0;
    List<Option> acknowledged = new ArrayList<>();
    Option windowOption = null;
    for (Option option : requested) {
      long value = number(option.value());
      if (option.is("blksize") && value >= MIN_BLOCK_SIZE && value <= MAX_BLOCK_SIZE) {
        blockSize = (int) Math.min(value, maxBlockSize);
        acknowledged.add(new Option(option.name(), Integer.toString(blockSize)));
      } else if (option.is("timeout") && value >= 1 && value <= 255) {
        timeout = (int) value; // RFC 2349: the server may not change it, only accept it
        acknowledged.add(option);
      } else if (option.is("tsize") && value == 0) {
        acknowledged.add(new Option(option.name(), Long.toString(size)));
      } else if (option.is("windowsize") && value >= 1 && value <= 65535) {
        windowSize = (int) Math.min(value, maxWindowSize);
        windowOption = option;
        acknowledged.add(option); // its value is settled below, once blksize is known
      }
    }
    if (windowOption != null) {
      windowSize = Math.max(1, Math.min(windowSize, maxWindowBytes / blockSize));
      int at = acknowledged.indexOf(windowOption);
      acknowledged.set(at, new Option(windowOption.name(), Integer.toString(windowSize)));
    }
    return new Negotiated(blockSize, windowSize, timeout, acknowledged);
  }

  /** Plain decimal digits only (no sign, no spaces), else -1. */
  private static long number(String text) {
    if (text.isEmpty() || text.length() > 10) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * @param timeoutSeconds the client's {@code timeout}, or 0 when it asked for none
   * @param acknowledged the OACK's options, in the order the client sent them
   */
  public record Negotiated(
      int blockSize, int windowSize, int timeoutSeconds, List<Option> acknowledged) {

    public Negotiated {
      acknowledged = List.copyOf(acknowledged);
    }
  }
}
