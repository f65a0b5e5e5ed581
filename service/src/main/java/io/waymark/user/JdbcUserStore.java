package io.waymark.user;

import io.waymark.shared.ConflictException;
import io.waymark.shared.Role;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.DatabaseErrors;
import io.waymark.store.JdbcClients;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.store.StoreFamily;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Repository;

@Repository
@ConditionalOnStore(StoreFamily.JDBC)
class JdbcUserStore implements UserStore {

    private static final String COLUMNS =
            "id, user_name, password_hash, role, created_at, updated_at, version, token_version";

    private final JdbcClients jdbc;

    JdbcUserStore(JdbcClients jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(User user) {
        try {
            jdbc.writes()
                    .sql(
                            """
                    INSERT INTO users (id, user_name, user_name_key, password_hash, role, created_at, updated_at, version,
                                       token_version)
                    VALUES (:id, :userName, :userNameKey, :passwordHash, :role, :createdAt, :updatedAt, :version,
                            :tokenVersion)""")
                    .params(columns(user))
                    .update();
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<User> findById(String id) {
        return jdbc.reads()
                .sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    @Override
    public Optional<User> findByUserName(String userName) {
        return jdbc.reads()
                .sql("SELECT " + COLUMNS + " FROM users WHERE user_name_key = :key")
                .param("key", User.keyOf(userName))
                .query(this::row)
                .optional();
    }

    @Override
    public Page<User> list(PageRequest page) {
        Keyset.Position position = UserStore.IN_ID_ORDER.after(page);
        String after = position == null ? "" : position.id();
        var rows =
                jdbc.reads()
                        .sql(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM users WHERE id > :after ORDER BY id LIMIT :limit")
                        .param("after", after)
                        .param("limit", page.fetchSize())
                        .query(this::row)
                        .list();
        return UserStore.IN_ID_ORDER.page(rows, page);
    }

    @Override
    public boolean update(User user, long expectedVersion) {
        try {
            return jdbc.writes()
                            .sql(
                                    """
                    UPDATE users SET user_name = :userName, user_name_key = :userNameKey, password_hash = :passwordHash,
                           role = :role, updated_at = :updatedAt, version = :version, token_version = :tokenVersion
                    WHERE id = :id AND version = :expectedVersion""")
                            .params(columns(user))
                            .param("expectedVersion", expectedVersion)
                            .update()
                    == 1;
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return jdbc.writes()
                        .sql("DELETE FROM users WHERE id = :id AND version = :version")
                        .param("id", id)
                        .param("version", expectedVersion)
                        .update()
                == 1;
    }

    @Override
    public boolean anyWithRole(Role role) {
        return jdbc.reads()
                        .sql("SELECT COUNT(*) FROM users WHERE role = :role")
                        .param("role", role.wireName())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static Map<String, Object> columns(User user) {
        return Map.of(
                "id",
                user.id(),
                "userName",
                user.userName(),
                "userNameKey",
                user.userNameKey(),
                "passwordHash",
                user.passwordHash(),
                "role",
                user.role().wireName(),
                "createdAt",
                user.createdAt().toEpochMilli(),
                "updatedAt",
                user.updatedAt().toEpochMilli(),
                "version",
                user.version(),
                "tokenVersion",
                user.tokenVersion());
    }

    private User row(ResultSet rs, int rowNum) throws SQLException {
        return new User(
                rs.getString("id"),
                rs.getString("user_name"),
                rs.getString("password_hash"),
                Role.fromWireName(rs.getString("role")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getLong("version"),
                rs.getLong("token_version"));
    }

    private static RuntimeException translate(DataAccessException e) {
        return DatabaseErrors.isUniqueViolation(e)
                ? new ConflictException("That user name or id is taken")
                : e;
    }
}
