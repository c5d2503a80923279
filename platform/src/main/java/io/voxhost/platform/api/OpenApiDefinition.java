package io.voxhost.platform.api;

import io.voxhost.platform.api.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The API's OpenAPI header, its one security scheme (bearer API keys) and the {@link Problem}
 * schema that {@link CommonResponsesFilter} gives every error response.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Voxhost API",
            version = "v1",
            description =
                "Hosted VoIP platform. Every /api/v1 call needs 'Authorization: Bearer vx_...'; "
                    + "errors are RFC 9457 problem+json."),
    components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
@SecurityScheme(
    securitySchemeName = "apiKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "vx_ API key")
public class OpenApiDefinition extends Application {}
