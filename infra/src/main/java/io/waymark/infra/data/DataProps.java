package io.waymark.infra.data;

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
public record DataProps(
        DatabaseKind kind, Network network, boolean prod, RetentionDays logRetention) {

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DataProps} field by field, as CDK's own {@code …Props.builder()}. */
    public static final class Builder {
        private DatabaseKind kind;
        private Network network;
        private boolean prod;
        private RetentionDays logRetention;

        private Builder() {}

        public Builder kind(DatabaseKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder network(Network network) {
            this.network = network;
            return this;
        }

        public Builder prod(boolean prod) {
            this.prod = prod;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public DataProps build() {
            return new DataProps(
                    Objects.requireNonNull(kind, "kind"),
                    Objects.requireNonNull(network, "network"),
                    prod,
                    Objects.requireNonNull(logRetention, "logRetention"));
        }
    }
}
