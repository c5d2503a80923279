package io.voxhost.cti.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PBX's manager or event socket on a loopback port, as Asterisk's and FreeSWITCH's documents
 * describe them: each connection it accepts runs the next script given (none: it is closed).
 */
final class ScriptedPbx implements AutoCloseable {

  /** What the PBX does with one connection. */
  interface Script {
    void run(Connection c) throws Exception;
  }

  /** One accepted connection. */
  static final class Connection {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(20_000);
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Reads up to and with the first blank line ({@code \n\n} or {@code \r\n\r\n}). */
    String block() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        b.write(c);
        String s = b.toString(StandardCharsets.UTF_8);
        if (s.endsWith("\n\n") || s.endsWith("\r\n\r\n")) {
          return s;
        }
      }
      throw new IOException("closed after " + b.toString(StandardCharsets.UTF_8));
    }

    /** Waits until the node closes the connection or {@code millis} pass. */
    boolean closedWithin(long millis) throws IOException {
      socket.setSoTimeout((int) millis);
      try {
        while (in.read() >= 0) {
          // What the node asks meanwhile (keep-alives) is not answered.
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      }
    }
  }

  private final ServerSocket server;
  private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  ScriptedPbx() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "scripted-pbx-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** The script the next connection runs. */
  ScriptedPbx then(Script script) {
    scripts.add(script);
    return this;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      Thread t =
          new Thread(
              () -> {
                try (s) {
                  Script script = scripts.poll(5, TimeUnit.SECONDS);
                  if (script != null) {
                    script.run(new Connection(s));
                  }
                } catch (Exception e) {
                  // The node closed first, or the script's check failed: the test sees the state.
                }
              });
      t.setDaemon(true);
      t.start();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
