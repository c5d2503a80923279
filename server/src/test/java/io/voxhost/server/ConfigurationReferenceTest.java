package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference ({@code src/docs/configuration.md}) and the {@code @ConfigMapping}
 * interfaces name the same keys with the same defaults: a key added, renamed or re-defaulted in one
 * and not the other fails here.
 */
class ConfigurationReferenceTest {

  private static final Path REFERENCE = Path.of("..", "src", "docs", "configuration.md");
  private static final Pattern ROW =
      Pattern.compile("^\\| `(voxhost\\.[a-z0-9.-]+)` \\| (.*?) \\|");
  private static final String NO_DEFAULT = "(none)";

  @Test
  void theReferenceListsEveryKeyWithItsDefaultAndNoOther() throws Exception {
    Map<String, String> documented = documented();
    Map<String, String> mapped = mapped();
    assertThat(documented.keySet()).as("keys in %s", REFERENCE).isEqualTo(mapped.keySet());
    mapped.forEach(
        (key, value) -> {
          String doc = documented.get(key);
          if (value.equals(NO_DEFAULT)) {
            assertThat(doc)
                .as("%s has no default in code: describe it in words", key)
                .startsWith("(");
          } else {
            assertThat(doc).as("default of %s", key).isEqualTo(value);
          }
        });
  }

  private static Map<String, String> documented() throws Exception {
    Map<String, String> keys = new TreeMap<>();
    for (String line : Files.readAllLines(REFERENCE)) {
      Matcher m = ROW.matcher(line.replace("\\|", "\u0000"));
      if (m.find()) {
        String cell = m.group(2).replace('\u0000', '|').strip();
        String value =
            cell.startsWith("`") && cell.endsWith("`")
                ? cell.substring(1, cell.length() - 1)
                : cell;
        assertThat(keys.put(m.group(1), value)).as("%s listed twice", m.group(1)).isNull();
      }
    }
    return keys;
  }

  private static Map<String, String> mapped() throws Exception {
    Map<String, String> keys = new TreeMap<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.voxhost")) {
      if (c.isAnnotatedWith(ConfigMapping.class)) {
        Class<?> type = Class.forName(c.getName());
        collect(type.getAnnotation(ConfigMapping.class).prefix(), type, keys);
      }
    }
    assertThat(keys).as("no @ConfigMapping found: is the class path complete?").isNotEmpty();
    return keys;
  }

  private static void collect(String prefix, Class<?> type, Map<String, String> keys) {
    for (Method m : type.getMethods()) {
      if (m.isDefault() || m.getParameterCount() > 0 || m.getDeclaringClass() == Object.class) {
        continue;
      }
      WithName name = m.getAnnotation(WithName.class);
      String key = prefix + "." + (name != null ? name.value() : kebab(m.getName()));
      Class<?> returned = m.getReturnType();
      if (returned.isInterface() && returned.getName().startsWith("io.voxhost.")) {
        collect(key, returned, keys);
        continue;
      }
      WithDefault value = m.getAnnotation(WithDefault.class);
      keys.put(key, value == null ? NO_DEFAULT : value.value());
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
