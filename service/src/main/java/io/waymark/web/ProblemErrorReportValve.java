package io.waymark.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers as problem+json instead of its HTML page: requests Tomcat refuses
 * before any servlet runs (a request line or headers over the size limit, a malformed request line)
 * never reach Spring's {@code /error}. The document has the fixed fields of every problem; nothing
 * from the request is echoed.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String title = reasonPhrase(status);
        String detail =
                status >= 500
                        ? "The server failed to answer this request"
                        : "The request could not be read: its request line or headers are malformed or too large";
        String json =
                "{\"type\":\""
                        + Problems.typeUri(Problems.slug(title))
                        + "\",\"title\":\""
                        + title
                        + "\",\"status\":"
                        + status
                        + ",\"detail\":\""
                        + detail
                        + "\"}"
                        + JsonAnswers.END;
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: nothing more can be sent.
        }
    }

    private static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
