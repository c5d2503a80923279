package io.voxhost.platform.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Optional;
import java.util.Set;

/**
 * The house's rules (ARCHITECTURE.md), checked in every module by a test that runs {@code
 * ArchTests.in(ArchitectureRules.class)} on the module's own classes. No exceptions are frozen: a
 * violation fails the build.
 *
 * <p>Inside a module {@code io.voxhost.<module>.<layer>}: {@code codec} uses only the JDK, Netty
 * buffers and plain values of its module (an enum or record that itself uses only the JDK, such as
 * {@code G711}); {@code service} uses neither {@code transport}, JDBC, nor the HTTP face of {@code
 * api} (a resource or anything else that uses JAX-RS or Vert.x), though it may implement the Java
 * interfaces {@code api} exports to other modules; {@code api} uses neither {@code store} nor
 * {@code transport}; JAIN-SIP lives in a {@code transport} layer alone. Between modules: a role
 * uses another role or library only through its {@code api} package, the platform may use none of
 * them, and only the server may use everything. No cycles between packages.
 */
public final class ArchitectureRules {

  private static final String ROOT = "io.voxhost.";
  private static final Set<String> KERNEL = Set.of("platform");

  private ArchitectureRules() {}

  @ArchTest
  public static final ArchRule layersKeepTheirDependencies =
      ArchRuleDefinition.classes()
          .that()
          .resideInAPackage("io.voxhost..")
          .should(respectTheLayers())
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule modulesMeetOnlyThroughTheirApi =
      ArchRuleDefinition.classes()
          .that()
          .resideInAPackage("io.voxhost..")
          .should(useOtherModulesOnlyThroughTheirApi())
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule metersAreRegisteredOneWay =
      ArchRuleDefinition.noClasses()
          .that()
          .resideInAPackage("io.voxhost..")
          .and()
          .resideOutsideOfPackage("io.voxhost.platform.metrics..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.micrometer.core.instrument.MeterRegistry")
          .because("meters are named and registered by io.voxhost.platform.metrics.Meters")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule noCyclesBetweenPackages =
      slices().matching("io.voxhost.(*).(**)").should().beFreeOfCycles().allowEmptyShould(true);

  private static ArchCondition<JavaClass> respectTheLayers() {
    return new ArchCondition<>("respect the layers of their module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> layer = layer(origin);
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass();
          if (target.isPrimitive()
              || target.isArray() && target.getBaseComponentType().isPrimitive()) {
            continue;
          }
          String why = layerViolation(origin, layer, base(target));
          if (why != null) {
            events.add(SimpleConditionEvent.violated(d, why + ": " + d.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> useOtherModulesOnlyThroughTheirApi() {
    return new ArchCondition<>("use other modules only through their api package") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String from = module(origin).orElse("");
        if (from.equals("server")) {
          return;
        }
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = base(d.getTargetClass());
          Optional<String> to = module(target);
          if (to.isEmpty() || to.get().equals(from)) {
            continue;
          }
          if (KERNEL.contains(from)) {
            events.add(
                SimpleConditionEvent.violated(
                    d, "the platform knows no role: " + d.getDescription()));
          } else if (!KERNEL.contains(to.get()) && !layer(target).equals(Optional.of("api"))) {
            events.add(
                SimpleConditionEvent.violated(
                    d,
                    "a module uses "
                        + to.get()
                        + " only through io.voxhost."
                        + to.get()
                        + ".api: "
                        + d.getDescription()));
          }
        }
      }
    };
  }

  /** Why {@code origin} (in {@code layer}) may not use {@code target}, or null if it may. */
  private static String layerViolation(JavaClass origin, Optional<String> layer, JavaClass target) {
    String name = target.getName();
    boolean sameModule = module(target).isPresent() && module(target).equals(module(origin));
    Optional<String> targetLayer = sameModule ? layer(target) : Optional.empty();
    if ((name.startsWith("javax.sip.") || name.startsWith("gov.nist."))
        && !layer.equals(Optional.of("transport"))) {
      return "JAIN-SIP is used in a transport layer only (the SIP role's, the phone emulator's)";
    }
    if (layer.isEmpty()) {
      return null;
    }
    switch (layer.get()) {
      case "codec":
        // The JDK's XML parser (java.xml) counts as the JDK: phones' files are XML.
        if (name.startsWith("java.")
            || name.startsWith("javax.xml.")
            || name.startsWith("org.w3c.dom.")
            || name.startsWith("org.xml.sax.")
            || name.startsWith("io.netty.buffer.")
            || name.startsWith("io.netty.util.")
            || targetLayer.equals(Optional.of("codec"))
            || sameModule && isPlainValue(target)) {
          return null;
        }
        return "a codec uses only the JDK, Netty buffers and plain values of its module";
      case "service":
        if (name.startsWith("java.sql.") || name.startsWith("javax.sql.")) {
          return "a service reaches the database only through its store";
        }
        if (targetLayer.equals(Optional.of("transport"))) {
          return "a service knows no transport";
        }
        if (isHttpFace(target)) {
          return "a service knows no HTTP resource";
        }
        return null;
      case "api":
        if (targetLayer.equals(Optional.of("store"))
            || targetLayer.equals(Optional.of("transport"))) {
          return "an api goes through the service, not the " + targetLayer.get();
        }
        return null;
      default:
        return null;
    }
  }

  /** An enum or record whose own dependencies are the JDK's alone. */
  private static boolean isPlainValue(JavaClass c) {
    return (c.isEnum() || c.isRecord())
        && c.getDirectDependenciesFromSelf().stream()
            .map(d -> base(d.getTargetClass()))
            .allMatch(t -> t.isPrimitive() || t.getName().startsWith("java.") || t.equals(c));
  }

  /** JAX-RS or Vert.x itself, or a class of ours that uses them (a resource, a filter, a DTO). */
  private static boolean isHttpFace(JavaClass c) {
    if (isHttpPackage(c.getName())) {
      return true;
    }
    return c.getPackageName().startsWith(ROOT)
        && c.getDirectDependenciesFromSelf().stream()
            .anyMatch(d -> isHttpPackage(d.getTargetClass().getName()));
  }

  private static boolean isHttpPackage(String name) {
    return name.startsWith("jakarta.ws.rs.")
        || name.startsWith("io.vertx.")
        || name.startsWith("org.jboss.resteasy.");
  }

  private static JavaClass base(JavaClass c) {
    JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
    while (base.getEnclosingClass().isPresent()) {
      base = base.getEnclosingClass().get();
    }
    return base;
  }

  /** {@code sip} for {@code io.voxhost.sip.service.Registrar}. */
  private static Optional<String> module(JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith(ROOT)) {
      return Optional.empty();
    }
    String rest = pkg.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  /** {@code service} for {@code io.voxhost.sip.service.Registrar}; empty for a module's root. */
  private static Optional<String> layer(JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith(ROOT)) {
      return Optional.empty();
    }
    String[] parts = pkg.substring(ROOT.length()).split("\\.");
    return parts.length < 2 ? Optional.empty() : Optional.of(parts[1]);
  }
}
