package io.waymark.todo;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * A to-do's {@code place} is a {@code PlaceView} or {@code null}: swagger-core writes a referenced
 * schema as the bare {@code $ref} and drops the annotation's {@code "null"}, so the property is
 * rewritten as {@code anyOf} the two (OpenAPI 3.1).
 */
@Component
class NullablePlace implements OpenApiCustomizer {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Schema todo = schemas == null ? null : schemas.get("TodoResponse");
        if (todo == null || todo.getProperties() == null) {
            return;
        }
        Schema place = (Schema) todo.getProperties().get("place");
        if (place == null || place.get$ref() == null) {
            return;
        }
        Schema nullable = new Schema<>();
        nullable.setAnyOf(
                List.of(
                        new Schema<>().$ref(place.get$ref()),
                        new Schema<>().types(Set.of("null"))));
        nullable.setDescription(place.getDescription());
        todo.getProperties().put("place", nullable);
    }
}
