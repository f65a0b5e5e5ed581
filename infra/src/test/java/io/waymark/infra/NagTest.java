package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * Every allowed combination passes the AwsSolutions pack; each suppression in code carries its
 * reason.
 */
class NagTest {

    static Stream<Combination> combinations() {
        return Combination.ALLOWED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void hasNoUnsuppressedAwsSolutionsFindings(Combination combination) {
        Synthesized synthesized = Synthesized.of(combination);

        assertThat(describe(synthesized.nagErrors())).isEmpty();
        assertThat(describe(synthesized.nagWarnings())).isEmpty();
    }

    static List<String> describe(List<SynthesisMessage> messages) {
        return messages.stream()
                .map(
                        m ->
                                m.getId()
                                        + " "
                                        + String.valueOf(m.getEntry().getData())
                                                .lines()
                                                .findFirst()
                                                .orElse(""))
                .map(String::valueOf)
                .toList();
    }
}
