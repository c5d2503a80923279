package io.voxhost.tftp.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A vendor CA and phone certificates made at test time with the JDK's keytool, as a phone vendor's
 * factory would: a CA, and per phone a key pair whose certificate the CA signed.
 */
public final class TestPki {

  public static final String PASSWORD = "changeit";
  private final Path dir;

  /** A fresh CA in {@code dir} (emptied first). */
  public TestPki(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    if (Files.exists(dir)) {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(dir);
    keytool(
        "-genkeypair -alias ca -keyalg EC -groupname secp256r1 -ext bc:c -validity 3"
            + " -storetype PKCS12 -dname",
        "CN=Test Phone Vendor CA, O=Voxhost tests",
        "-keystore",
        file("ca.p12"));
    keytool("-exportcert -rfc -alias ca -file", file("ca.pem"), "-keystore", file("ca.p12"));
  }

  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /**
   * A PKCS12 key store with a key pair and its certificate for {@code subject}, signed by the CA.
   */
  public Path phone(String name, String subject) throws IOException, InterruptedException {
    signed(name, subject);
    String store = file(name + ".p12");
    keytool("-importcert -alias ca -noprompt -file", file("ca.pem"), "-keystore", store);
    keytool("-importcert -alias phone -noprompt -file", file(name + ".crt"), "-keystore", store);
    return dir.resolve(name + ".p12");
  }

  /**
   * The chain a phone would present: its certificate (for {@code subject}, signed by the CA) and
   * the CA's; its key stays in {@code <name>.p12}.
   */
  public Certificate[] signed(String name, String subject)
      throws IOException, InterruptedException {
    String store = file(name + ".p12");
    keytool(
        "-genkeypair -alias phone -keyalg EC -groupname secp256r1 -validity 3 -storetype PKCS12"
            + " -dname",
        subject,
        "-keystore",
        store);
    keytool("-certreq -alias phone -file", file(name + ".csr"), "-keystore", store);
    keytool(
        "-gencert -alias ca -rfc -validity 3 -infile",
        file(name + ".csr"),
        "-outfile",
        file(name + ".crt"),
        "-keystore",
        file("ca.p12"));
    try {
      return new Certificate[] {pem(dir.resolve(name + ".crt")), pem(caPem())};
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** A self-signed key pair for {@code subject}: not the vendor's. */
  public Path selfSigned(String name, String subject, String... extensions)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(subject, "-keystore", file(name + ".p12")));
    for (String e : extensions) {
      args.add("-ext");
      args.add(e);
    }
    keytool(
        "-genkeypair -alias phone -keyalg EC -groupname secp256r1 -validity 3 -storetype PKCS12"
            + " -dname",
        args.toArray(String[]::new));
    return dir.resolve(name + ".p12");
  }

  /** The certificate chain a key store's {@code phone} entry holds, its own first. */
  public static Certificate[] chain(Path store) throws Exception {
    KeyStore ks = load(store);
    return ks.getCertificateChain("phone");
  }

  public static KeyStore load(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    return ks;
  }

  public static X509Certificate pem(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  /** Runs keytool; the first argument's words are split, the others are taken whole. */
  private static void keytool(String words, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // A short-lived JVM each: start it light, the machine runs the tests too.
    command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    command.addAll(List.of(words.split(" ")));
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASSWORD));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("keytool did not finish: " + command);
    }
    if (p.exitValue() != 0) {
      throw new IOException("keytool failed: " + command + "\n" + output);
    }
  }
}
