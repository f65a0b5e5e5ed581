package io.waymark.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * A JSON body is read as the client wrote it, with no coercion: {@code "51.5"} is not a number,
 * {@code 999.99} not an integer, {@code 2} not the third status, {@code 1} not the role admin, and
 * {@code 5} not a string. Jackson's defaults accept each of those as some value the client did not
 * send (the role by position made an admin); {@code /openapi.json} says each is invalid, so each is
 * a 400 naming the field ({@link ProblemHandler} reads the field from the parser's path).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer noCoercion() {
        return builder ->
                builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        // Without the feature Jackson still turns a number or boolean into a
                        // string.
                        .withCoercionConfig(
                                LogicalType.Textual,
                                config ->
                                        config.setCoercion(
                                                        CoercionInputShape.Integer,
                                                        CoercionAction.Fail)
                                                .setCoercion(
                                                        CoercionInputShape.Float,
                                                        CoercionAction.Fail)
                                                .setCoercion(
                                                        CoercionInputShape.Boolean,
                                                        CoercionAction.Fail));
    }
}
