package io.waymark.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON answer, application/json and application/problem+json alike, ends with a newline as a
 * line of text does, so {@code curl}'s output ends its line instead of running into the shell's
 * prompt. JSON allows whitespace after the value, so no client reads anything different. The JSON
 * converter Spring Boot assembled is swapped in place (same position, same configured {@link
 * JsonMapper}), so the String and byte converters still come first; {@link ProblemWriter} and
 * {@link ProblemErrorReportValve}, which write without a converter, end their answers the same way.
 */
@Configuration(proxyBeanMethods = false)
class JsonAnswers implements WebMvcConfigurer {

    static final char END = '\n';

    private final JsonMapper json;

    JsonAnswers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(
                converters ->
                        converters.replaceAll(
                                converter ->
                                        converter.getClass()
                                                        == JacksonJsonHttpMessageConverter.class
                                                ? new NewlineTerminated(json)
                                                : converter));
    }

    private static final class NewlineTerminated extends JacksonJsonHttpMessageConverter {

        NewlineTerminated(JsonMapper json) {
            super(json);
        }

        @Override
        protected void writeSuffix(JsonGenerator generator, Object object) {
            generator.writeRaw(END);
        }
    }
}
