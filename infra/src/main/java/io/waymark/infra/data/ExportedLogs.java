package io.waymark.infra.data;

import java.util.List;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The log groups a database exports to, owned by the stack outside prod so that {@code cdk destroy}
 * deletes them. RDS and DocumentDB name the groups after the database's identifier and create them
 * on first export, so the identifier is fixed here and the groups exist before the database: after
 * it, CloudFormation would meet a group RDS had already made. In prod the database keeps its
 * generated identifier (a new one would replace it) and CDK's LogRetention sets the retention of
 * groups that outlive the stack, as the data does.
 */
final class ExportedLogs {

    private ExportedLogs() {}

    /**
     * A lower-case identifier unique to this construct's path, as RDS and DocumentDB store it (and
     * name the log groups after it); letters, digits and single hyphens, at most 63 characters.
     */
    static String identifier(Construct scope) {
        return Names.uniqueResourceName(
                        scope,
                        UniqueResourceNameOptions.builder().maxLength(50).separator("-").build())
                .toLowerCase();
    }

    /** One group per exported log type, {@code prefix + type}, each created before the database. */
    static void create(
            Construct scope,
            IConstruct database,
            String prefix,
            List<String> types,
            RetentionDays retention) {
        for (String type : types) {
            LogGroup group =
                    LogGroup.Builder.create(scope, type + "Logs")
                            .logGroupName(prefix + type)
                            .retention(retention)
                            .removalPolicy(RemovalPolicy.DESTROY)
                            .build();
            database.getNode().addDependency(group);
        }
    }
}
