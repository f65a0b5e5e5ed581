package io.waymark.infra.data;

import io.soabase.recordbuilder.core.RecordBuilder;
import io.waymark.infra.config.DatabaseKind;
import io.waymark.infra.network.Network;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of the {@link Data} construct.
 *
 * @param kind which store to create
 * @param network where it lives (the service subnets)
 * @param prod prod keeps data on destroy and turns deletion protection on
 * @param logRetention retention of the store's exported logs
 */
@RecordBuilder
public record DataProps(
        DatabaseKind kind, Network network, boolean prod, RetentionDays logRetention) {

    public DataProps {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(logRetention, "logRetention");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static DataPropsBuilder builder() {
        return DataPropsBuilder.builder();
    }
}
