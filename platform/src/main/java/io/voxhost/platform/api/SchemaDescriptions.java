package io.voxhost.platform.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Descriptions for the OpenAPI schemas of types that live outside an {@code api} package (service
 * records a resource returns as they are), given by that module's API layer in a build-stage
 * filter. A name that matches no schema or property fails the build, so a description cannot
 * outlive its field unnoticed; a field added without one is caught by the server's {@code
 * OpenApiDocumentTest}.
 */
public final class SchemaDescriptions {

  private SchemaDescriptions() {}

  /**
   * Sets {@code description} on the component schema {@code name} and each of {@code properties}
   * (property name to description) on its properties.
   */
  public static void describe(
      OpenAPI openApi, String name, String description, Map<String, String> properties) {
    Schema schema =
        openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
            ? null
            : openApi.getComponents().getSchemas().get(name);
    if (schema == null) {
      throw new IllegalStateException("the OpenAPI document has no schema named " + name);
    }
    schema.setDescription(description);
    properties.forEach(
        (property, text) -> {
          Schema field =
              schema.getProperties() == null ? null : schema.getProperties().get(property);
          if (field == null) {
            throw new IllegalStateException(
                "the OpenAPI schema " + name + " has no property " + property);
          }
          field.setDescription(text);
        });
  }
}
