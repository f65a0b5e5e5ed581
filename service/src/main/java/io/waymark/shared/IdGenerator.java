package io.waymark.shared;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.springframework.stereotype.Component;

/**
 * The one source of ids: time-ordered UUIDv7 strings, so ids sort by creation and index well in
 * every store.
 */
@Component
public class IdGenerator {

    private final TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();

    public String newId() {
        return generator.generate().toString();
    }
}
