package io.waymark.infra.data;

import io.waymark.infra.config.DatabaseKind;
import io.waymark.infra.network.Network;
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
        DatabaseKind kind, Network network, boolean prod, RetentionDays logRetention) {}
