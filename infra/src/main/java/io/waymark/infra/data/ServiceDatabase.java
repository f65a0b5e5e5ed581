package io.waymark.infra.data;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.IDependable;

/** What the service needs from its store, whichever store it is. */
public interface ServiceDatabase {

    /** {@code DATABASE_URL} as the service contract defines it; never holds credentials. */
    String url();

    /**
     * Adds what the containers need to reach the store: volumes and mounts, or credentials as ECS
     * secrets.
     */
    void attach(TaskDefinition taskDefinition, List<ContainerDefinition> containers);

    /**
     * Whether a one-shot {@code migrate} container runs before {@code serve}. SQLite says no: its
     * serve takes the single-writer lock first and migrates under it, so a migrate container would
     * be a second writer.
     */
    default boolean migratesInInitContainer() {
        return true;
    }

    /** What must exist before the ECS service starts tasks (e.g. the EFS mount targets). */
    default List<IDependable> readyBeforeTasks() {
        return List.of();
    }

    /**
     * The rotated credentials the tasks read at start, if any: a rotation must replace the tasks.
     */
    default Optional<ISecret> rotatedSecret() {
        return Optional.empty();
    }

    /** Opens the store's port to the service's security group, and to nothing else. */
    void allowFrom(IConnectable service);

    /** Dashboard widgets: CPU, connections, storage. */
    List<IWidget> widgets();

    /** Alarms owned by the store (storage running out); the monitoring construct routes them. */
    List<Alarm> alarms();

    /** One line for the stack output: what {@code cdk destroy} does to the data. */
    String retentionNote();

    /** One dashboard graph of one store metric, the shape of every widget a store contributes. */
    static IWidget graph(String title, IMetric metric) {
        return GraphWidget.Builder.create().title(title).left(List.of(metric)).build();
    }

    /**
     * Injects a generated database secret as {@code DATABASE_USER} / {@code DATABASE_PASSWORD}: ECS
     * secrets, resolved when the task starts, so the values never appear in the task definition.
     */
    static void injectCredentials(ISecret secret, List<ContainerDefinition> containers) {
        containers.forEach(
                container -> {
                    container.addSecret(
                            "DATABASE_USER", Secret.fromSecretsManager(secret, "username"));
                    container.addSecret(
                            "DATABASE_PASSWORD", Secret.fromSecretsManager(secret, "password"));
                });
    }
}
