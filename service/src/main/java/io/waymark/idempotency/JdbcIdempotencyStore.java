package io.waymark.idempotency;

import io.waymark.store.ConditionalOnStore;
import io.waymark.store.DatabaseErrors;
import io.waymark.store.JdbcClients;
import io.waymark.store.StoreFamily;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcIdempotencyStore implements IdempotencyStore {

    private static final String THIS_RECORD =
            "owner_id = :ownerId AND idem_key = :key AND request_hash = :requestHash AND created_at = :createdAt";

    private final JdbcClients jdbc;

    JdbcIdempotencyStore(JdbcClients jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(IdempotencyRecord claim) {
        return DatabaseErrors.insertIfAbsent(
                () ->
                        jdbc.writes()
                                .sql(
                                        """
                INSERT INTO idempotency_keys (owner_id, idem_key, request_hash, created_at)
                VALUES (:ownerId, :key, :requestHash, :createdAt)""")
                                .params(identity(claim))
                                .update());
    }

    @Override
    public Optional<IdempotencyRecord> find(String ownerId, String key) {
        return jdbc.reads()
                .sql(
                        """
                SELECT owner_id, idem_key, request_hash, created_at, response_status, response_headers, response_body
                FROM idempotency_keys WHERE owner_id = :ownerId AND idem_key = :key""")
                .param("ownerId", ownerId)
                .param("key", key)
                .query(JdbcIdempotencyStore::row)
                .optional();
    }

    @Override
    public boolean complete(IdempotencyRecord completed) {
        return jdbc.writes()
                        .sql(
                                "UPDATE idempotency_keys SET response_status = :status, response_headers = :headers, "
                                        + "response_body = :body WHERE "
                                        + THIS_RECORD
                                        + " AND response_status IS NULL")
                        .params(identity(completed))
                        .param("status", completed.responseStatus())
                        .param("headers", completed.responseHeaders())
                        .param("body", completed.responseBody())
                        .update()
                == 1;
    }

    @Override
    public boolean delete(IdempotencyRecord record) {
        return jdbc.writes()
                        .sql(
                                "DELETE FROM idempotency_keys WHERE "
                                        + THIS_RECORD
                                        + (record.completed()
                                                ? ""
                                                : " AND response_status IS NULL"))
                        .params(identity(record))
                        .update()
                == 1;
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff) {
        return jdbc.writes()
                .sql("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                .param("cutoff", cutoff.toEpochMilli())
                .update();
    }

    private static Map<String, Object> identity(IdempotencyRecord record) {
        return Map.of(
                "ownerId",
                record.ownerId(),
                "key",
                record.key(),
                "requestHash",
                record.requestHash(),
                "createdAt",
                record.createdAt().toEpochMilli());
    }

    private static IdempotencyRecord row(ResultSet rs, int rowNum) throws SQLException {
        int status = rs.getInt("response_status");
        Integer responseStatus = rs.wasNull() ? null : status;
        return new IdempotencyRecord(
                rs.getString("owner_id"),
                rs.getString("idem_key"),
                rs.getString("request_hash"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                responseStatus,
                rs.getString("response_headers"),
                rs.getString("response_body"));
    }
}
