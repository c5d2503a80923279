package io.voxhost.sip.transport;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * JAIN-SIP's stack log, through JBoss Logging (category {@code gov.nist.javax.sip}), so that the
 * stack needs no log4j. Instantiated by the stack by class name.
 */
public final class JbossStackLogger implements StackLogger {

  private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");
  private volatile boolean enabled = true;

  /**
   * Makes JAIN-SIP's parsers log here even where no stack was made (a UDP-only node): without it
   * the first message they parse reaches for log4j, which is not shipped, and the error kills the
   * thread that read it. JAIN-SIP keeps this logger in a static field of its own.
   */
  static void installForParsers() {
    if (CommonLogger.legacyLogger == null) {
      CommonLogger.legacyLogger = new JbossStackLogger();
    }
  }

  @Override
  public void logStackTrace() {
    if (enabled && LOG.isTraceEnabled()) {
      LOG.trace("stack trace", new Throwable());
    }
  }

  @Override
  public void logStackTrace(int level) {
    logStackTrace();
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable t) {
    if (enabled) {
      LOG.debug("SIP stack exception", t);
    }
  }

  @Override
  public void logDebug(String message) {
    if (enabled) {
      LOG.debug(message);
    }
  }

  @Override
  public void logDebug(String message, Exception e) {
    if (enabled) {
      LOG.debug(message, e);
    }
  }

  @Override
  public void logTrace(String message) {
    if (enabled) {
      LOG.trace(message);
    }
  }

  @Override
  public void logFatalError(String message) {
    LOG.error(message);
  }

  @Override
  public void logError(String message) {
    if (enabled) {
      LOG.warn(message);
    }
  }

  @Override
  public void logError(String message, Exception e) {
    if (enabled) {
      LOG.warn(message, e);
    }
  }

  /*
   * The stack asks whether a level is enabled several times per message; asking the log manager
   * each time cost about a tenth of the CPU of a redirect. The levels are read once, when the
   * stack starts: a new level for gov.nist.javax.sip takes effect at the next start of the role.
   */
  private final boolean trace = LOG.isTraceEnabled();
  private final boolean debug = LOG.isDebugEnabled();
  private final boolean info = LOG.isInfoEnabled();

  @Override
  public boolean isLoggingEnabled() {
    return enabled && debug;
  }

  @Override
  public boolean isLoggingEnabled(int level) {
    if (!enabled) {
      return false;
    }
    if (level >= TRACE_TRACE) {
      return trace;
    }
    if (level >= TRACE_DEBUG) {
      return debug;
    }
    if (level >= TRACE_INFO) {
      return info;
    }
    return level > TRACE_NONE;
  }

  @Override
  public void logWarning(String message) {
    if (!enabled) {
      return;
    }
    if (aboutTls(message)) {
      // We open no TLS listening point, so the stack's notes on its TLS defaults are noise.
      LOG.debug(message);
    } else {
      LOG.warn(message);
    }
  }

  private static boolean aboutTls(String message) {
    String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("tls") || lower.contains("keystore") || lower.contains("truststore");
  }

  @Override
  public void logInfo(String message) {
    if (enabled) {
      LOG.debug(message); // The stack's "info" is chatty; it is debug detail for us.
    }
  }

  @Override
  public void disableLogging() {
    enabled = false;
  }

  @Override
  public void enableLogging() {
    enabled = true;
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public void setStackProperties(Properties properties) {}

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
