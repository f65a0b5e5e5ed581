package io.waymark.web;

import io.waymark.contract.PublicEndpoints;
import io.waymark.shared.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operation the service's own controllers serve, with its {@link Endpoint} declaration, read
 * from Spring MVC's handler mappings: what is served and what is declared cannot drift apart. The
 * security filter chain, the OpenAPI customizer and {@code train} read it.
 */
@Component
@ConditionalOnWebApplication
public class DeclaredEndpoints {

    private final List<Declared> all;

    DeclaredEndpoints(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        List<Declared> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!isOurs(handler)) {
                continue;
            }
            Endpoint declaration = handler.getMethodAnnotation(Endpoint.class);
            for (String path : entry.getKey().getPatternValues()) {
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    found.add(new Declared(method.name(), path, declaration, handler));
                }
            }
        }
        found.sort(Comparator.comparing(Declared::path).thenComparing(Declared::method));
        List<String> missing = new ArrayList<>();
        found.forEach(endpoint -> missing.addAll(endpoint.whatIsMissing()));
        found.forEach(endpoint -> missing.addAll(endpoint.unmadeVariables(found)));
        if (!missing.isEmpty()) {
            // Refused at start-up, so that no reader (security, API description, train) meets an
            // endpoint it cannot place.
            throw new IllegalStateException(
                    "Endpoint declarations incomplete: " + String.join("; ", missing));
        }
        this.all = List.copyOf(found);
    }

    /**
     * Handlers of this service, but not the {@code /error} dispatch, which is no operation: Spring
     * forwards to it.
     */
    private static boolean isOurs(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith("io.waymark.")
                && !ProblemErrorController.class.isAssignableFrom(handler.getBeanType());
    }

    /** Every operation, by path and method; a handler mapped without a method is listed once. */
    public List<Declared> all() {
        return all;
    }

    /** One method and path a handler serves, and its declaration (null when it has none). */
    public record Declared(
            String method, String path, Endpoint declaration, HandlerMethod handler) {

        public boolean isApi() {
            return path.startsWith(PublicEndpoints.API_PREFIX);
        }

        /** Needs no access token: public, or checked by its own device key. */
        public boolean isPublic() {
            return declaration != null
                    && (declaration.access() == Endpoint.Access.PUBLIC
                            || declaration.access() == Endpoint.Access.DEVICE_KEY);
        }

        /**
         * What a reader would miss: a declaration, an example, and outside the API, where the
         * security filter chain lets every request through, the word that it is public.
         */
        List<String> whatIsMissing() {
            if (declaration == null) {
                return List.of(this + " has no @Endpoint declaration");
            }
            List<String> missing = new ArrayList<>();
            if (declaration.examples().length == 0) {
                missing.add(this + " has no example");
            }
            if (!isApi() && !isPublic()) {
                missing.add(
                        this
                                + " is outside "
                                + PublicEndpoints.API_PREFIX
                                + " and so public: declare it so");
            }
            return missing;
        }

        /**
         * A path variable's example value comes from the example or from a POST to the collection
         * before it ({@code /api/v1/todos} for {@code /api/v1/todos/{id}}): one of them must be
         * there.
         */
        List<String> unmadeVariables(List<Declared> all) {
            if (declaration == null) {
                return List.of();
            }
            List<String> missing = new ArrayList<>();
            for (int at = path.indexOf("/{"); at >= 0; at = path.indexOf("/{", at + 1)) {
                String collection = path.substring(0, at);
                String variable = path.substring(at + 2, path.indexOf('}', at));
                boolean made =
                        all.stream()
                                .anyMatch(
                                        other ->
                                                other.method.equals("POST")
                                                        && other.path.equals(collection));
                boolean named =
                        Arrays.stream(declaration.examples())
                                .allMatch(
                                        example ->
                                                Arrays.stream(example.variables())
                                                        .anyMatch(
                                                                v -> v.startsWith(variable + "=")));
                if (!made && !named) {
                    missing.add(
                            this
                                    + ": no POST "
                                    + collection
                                    + " makes its {"
                                    + variable
                                    + "}, and not every example names it");
                }
            }
            return missing;
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + handler.getShortLogMessage() + ")";
        }
    }
}
