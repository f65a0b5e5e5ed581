package io.waymark.infra.data;

import software.constructs.Construct;

/**
 * Creates the store the configuration asks for and hands the service its {@link ServiceDatabase}
 * view.
 */
public final class Data extends Construct {

    private final ServiceDatabase database;

    public Data(Construct scope, String id, DataProps props) {
        super(scope, id);
        this.database =
                switch (props.kind()) {
                    case SQLITE -> new SqliteOnEfs(this, "Sqlite", props);
                    case POSTGRES -> new PostgresDatabase(this, "Postgres", props);
                    case MONGODB -> new DocumentDatabase(this, "DocumentDb", props);
                };
    }

    public ServiceDatabase database() {
        return database;
    }

    static String retentionNote(boolean prod, String what) {
        return prod
                ? what
                        + " is RETAINED on cdk destroy (prod); delete it by hand when no longer needed"
                : what + " is DELETED on cdk destroy (non-prod environment)";
    }
}
