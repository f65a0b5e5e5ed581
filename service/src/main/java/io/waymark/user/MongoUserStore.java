package io.waymark.user;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.waymark.shared.ConflictException;
import io.waymark.shared.Role;
import io.waymark.store.ConditionalOnStore;
import io.waymark.store.DatabaseErrors;
import io.waymark.store.Keyset;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.store.StoreFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

@Repository
@ConditionalOnStore(StoreFamily.MONGO)
class MongoUserStore implements UserStore {

    private final MongoCollection<Document> users;

    MongoUserStore(MongoDatabase database) {
        this.users = database.getCollection("users");
    }

    @Override
    public void insert(User user) {
        try {
            users.insertOne(document(user));
        } catch (MongoWriteException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<User> findById(String id) {
        return Optional.ofNullable(users.find(eq("_id", id)).first()).map(MongoUserStore::user);
    }

    @Override
    public Optional<User> findByUserName(String userName) {
        return Optional.ofNullable(users.find(eq("user_name_key", User.keyOf(userName))).first())
                .map(MongoUserStore::user);
    }

    @Override
    public Page<User> list(PageRequest page) {
        Keyset.Position after = UserStore.IN_ID_ORDER.after(page);
        Bson filter = after == null ? new Document() : gt("_id", after.id());
        var rows =
                users.find(filter)
                        .sort(Sorts.ascending("_id"))
                        .limit(page.fetchSize())
                        .map(MongoUserStore::user)
                        .into(new ArrayList<>());
        return UserStore.IN_ID_ORDER.page(rows, page);
    }

    @Override
    public boolean update(User user, long expectedVersion) {
        try {
            return users.replaceOne(
                                    and(eq("_id", user.id()), eq("version", expectedVersion)),
                                    document(user))
                            .getMatchedCount()
                    == 1;
        } catch (MongoWriteException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return users.deleteOne(and(eq("_id", id), eq("version", expectedVersion))).getDeletedCount()
                == 1;
    }

    @Override
    public boolean anyWithRole(Role role) {
        return users.find(eq("role", role.wireName())).limit(1).first() != null;
    }

    private static Document document(User user) {
        return new Document("_id", user.id())
                .append("user_name", user.userName())
                .append("user_name_key", user.userNameKey())
                .append("password_hash", user.passwordHash())
                .append("role", user.role().wireName())
                .append("created_at", user.createdAt().toEpochMilli())
                .append("updated_at", user.updatedAt().toEpochMilli())
                .append("version", user.version())
                .append("token_version", user.tokenVersion());
    }

    private static User user(Document d) {
        return new User(
                d.getString("_id"),
                d.getString("user_name"),
                d.getString("password_hash"),
                Role.fromWireName(d.getString("role")),
                Instant.ofEpochMilli(d.getLong("created_at")),
                Instant.ofEpochMilli(d.getLong("updated_at")),
                d.getLong("version"),
                // Written since V2 of the schema; older documents count as version 0, as the SQL
                // default does.
                d.get("token_version", 0L));
    }

    private static RuntimeException translate(MongoWriteException e) {
        return DatabaseErrors.isUniqueViolation(e)
                ? new ConflictException("That user name or id is taken")
                : e;
    }
}
