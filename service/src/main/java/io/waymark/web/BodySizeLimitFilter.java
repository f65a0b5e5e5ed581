package io.waymark.web;

import io.waymark.shared.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MiB with 413: at once when Content-Length says so, and while
 * reading when the body is chunked (the counting stream fails and marks the request, and {@link
 * ProblemHandler} answers 413 for a marked request: the JSON parser wraps the failure, so the mark
 * is more reliable than the exception).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final long MAX_BYTES = 1024 * 1024;

    /** How {@link #MAX_BYTES} reads in answers and in the API description. */
    static final String MAX_SIZE = MAX_BYTES / (1024 * 1024) + " MiB";

    static final String EXCEEDED = BodySizeLimitFilter.class.getName() + ".exceeded";

    private final ProblemWriter problems;

    BodySizeLimitFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    static ProblemDetail problem() {
        return Problems.of(
                ProblemType.BODY_TOO_LARGE, "The request body is larger than " + MAX_SIZE);
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            problems.write(response, problem());
            return;
        }
        chain.doFilter(new LimitedRequest(request), response);
    }

    /** Signals a body that outgrew the limit while being read. */
    static class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("Request body larger than " + MAX_BYTES + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), this);
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final HttpServletRequest request;
        private long count;

        LimitedStream(ServletInputStream in, HttpServletRequest request) {
            this.in = in;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > MAX_BYTES) {
                request.setAttribute(EXCEEDED, Boolean.TRUE);
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
