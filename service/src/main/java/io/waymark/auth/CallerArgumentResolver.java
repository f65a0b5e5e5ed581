package io.waymark.auth;

import io.waymark.shared.Caller;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers take a {@link Caller} (or {@code Optional<Caller>} on public endpoints) as an
 * argument.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.nestedIfOptional().getNestedParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Optional<Caller> caller = current();
        // The declared type, not MethodParameter.isOptional(): that one also inspects nullness
        // annotations reflectively, on every request.
        if (parameter.getParameterType() == Optional.class) {
            return caller;
        }
        // The security filter chain admits no unauthenticated request to an endpoint that needs a
        // caller.
        return caller.orElseThrow(() -> new InsufficientAuthenticationException("No access token"));
    }

    private static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }
}
