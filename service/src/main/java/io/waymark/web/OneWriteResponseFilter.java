package io.waymark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Tomcat send each answer in one write. Spring's message converters flush the response as soon
 * as the body is written; a flush commits it, so Tomcat must answer in chunked encoding and write
 * the terminating chunk in a second system call when the request ends (strace: two socket writes
 * per {@code GET /health}). With the flush ignored, an answer that fits Tomcat's buffer (8 KiB)
 * leaves with a {@code Content-Length} in one write; a larger one still streams as the buffer
 * fills. No endpoint streams on purpose (no server-sent events).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class OneWriteResponseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new UnflushedResponse(response));
    }

    private static final class UnflushedResponse extends HttpServletResponseWrapper {

        private ServletOutputStream body;

        UnflushedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // Tomcat flushes when the request ends.
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (body == null) {
                body = new UnflushedBody(super.getOutputStream());
            }
            return body;
        }
    }

    private static final class UnflushedBody extends ServletOutputStream {

        private final ServletOutputStream target;

        UnflushedBody(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // As flushBuffer.
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
