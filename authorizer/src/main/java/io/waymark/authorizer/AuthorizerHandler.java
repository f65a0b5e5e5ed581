package io.waymark.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import io.waymark.authorizer.Decision.Allow;
import io.waymark.authorizer.Decision.Deny;
import io.waymark.authorizer.Decision.Reason;
import io.waymark.authorizer.Decision.Undecided;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API REQUEST authorizer (payload format 2.0, simple responses). Tokens are
 * verified locally against the cached JWKS: the service is never called per request, and the
 * function needs no VPC.
 *
 * <p>API Gateway caches the answer per Authorization header for the authorizer's TTL, a denial as
 * much as an admission, so only a verdict on the token is returned. When the token cannot be
 * checked (the JWKS out of reach, its key not fetched yet, a bug) the invocation fails instead: "If
 * API Gateway can't invoke your Lambda authorizer, or your Lambda authorizer returns a response in
 * an invalid format, clients receive a 500 Internal Server Error", and the cache holds "the cached
 * authorizer result", which a failed invocation does not produce
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 */
public final class AuthorizerHandler
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    private final TokenVerifier verifier;

    /**
     * Called by the Lambda runtime; fails the init phase when the configuration is missing or
     * invalid.
     */
    public AuthorizerHandler() {
        this(TokenVerifier.fromEnvironment(System.getenv()));
    }

    AuthorizerHandler(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(
            APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Decision decision = decide(event);
        log(context, describe(event, decision));
        return switch (decision) {
            case Allow allow -> new SimpleIAMPolicyResponse(true, allow.context());
            case Deny deny -> new SimpleIAMPolicyResponse(false, Map.of());
            case Undecided undecided -> throw new TokenNotCheckedException(undecided.reason());
        };
    }

    private Decision decide(APIGatewayV2CustomAuthorizerEvent event) {
        try {
            return verifier.verify(authorizationHeader(event));
        } catch (RuntimeException e) {
            // A bug says nothing about the token; the request is refused with a 500 all the same.
            System.err.println("Authorizer failed: " + e);
            return new Undecided(Reason.INTERNAL_ERROR);
        }
    }

    private static String authorizationHeader(APIGatewayV2CustomAuthorizerEvent event) {
        if (event == null || event.getHeaders() == null) {
            return null;
        }
        // Payload 2.0 lower-cases header names, but test consoles and tools send them as typed.
        return event.getHeaders().entrySet().stream()
                .filter(header -> "authorization".equalsIgnoreCase(header.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String describe(APIGatewayV2CustomAuthorizerEvent event, Decision decision) {
        String request =
                event == null || event.getRequestContext() == null
                        ? "route=- requestId=-"
                        : "route=\""
                                + event.getRouteKey()
                                + "\" requestId="
                                + event.getRequestContext().getRequestId();
        String outcome =
                switch (decision) {
                    case Allow allow ->
                            "decision=allow sub=" + allow.subject() + " role=" + allow.role();
                    case Deny deny -> "decision=deny reason=" + name(deny.reason());
                    case Undecided undecided -> "decision=error reason=" + name(undecided.reason());
                };
        return "authorizer " + outcome + " " + request;
    }

    private static String name(Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
    }
}
