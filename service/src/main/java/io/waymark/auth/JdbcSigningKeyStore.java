package io.waymark.auth;

import io.waymark.store.ConditionalOnStore;
import io.waymark.store.DatabaseErrors;
import io.waymark.store.JdbcClients;
import io.waymark.store.StoreFamily;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Repository;

@Repository
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcSigningKeyStore implements SigningKeyStore {

    private final JdbcClients jdbc;

    JdbcSigningKeyStore(JdbcClients jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StoredKey> findAll() {
        return jdbc.reads()
                .sql(
                        "SELECT generation, kid, private_jwk, created_at FROM signing_keys ORDER BY generation DESC")
                .query(
                        (rs, n) ->
                                new StoredKey(
                                        rs.getLong("generation"),
                                        rs.getString("kid"),
                                        rs.getString("private_jwk"),
                                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    @Override
    public boolean replaceJwk(long generation, String expected, String replacement) {
        return jdbc.writes()
                        .sql(
                                "UPDATE signing_keys SET private_jwk = :replacement"
                                        + " WHERE generation = :generation AND private_jwk = :expected")
                        .param("replacement", replacement)
                        .param("generation", generation)
                        .param("expected", expected)
                        .update()
                == 1;
    }

    @Override
    public boolean insertIfAbsent(StoredKey key) {
        return DatabaseErrors.insertIfAbsent(
                () ->
                        jdbc.writes()
                                .sql(
                                        "INSERT INTO signing_keys (generation, kid, private_jwk, created_at) "
                                                + "VALUES (:generation, :kid, :jwk, :createdAt)")
                                .param("generation", key.generation())
                                .param("kid", key.kid())
                                .param("jwk", key.privateJwk())
                                .param("createdAt", key.createdAt().toEpochMilli())
                                .update());
    }
}
