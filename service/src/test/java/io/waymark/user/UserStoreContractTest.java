package io.waymark.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.shared.ConflictException;
import io.waymark.shared.IdGenerator;
import io.waymark.shared.Role;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.testing.Accounts;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.OwnServices;
import io.waymark.testing.Pages;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What every {@link UserStore} must do, run against SQLite, PostgreSQL and MongoDB. */
class UserStoreContractTest extends OnEveryStore {

    /**
     * For what the shared store cannot show: it holds users of every role, put there by other
     * tests.
     */
    @RegisterExtension static final OwnServices own = new OwnServices();

    private UserStore users() {
        return bean(UserStore.class);
    }

    private User newUser(String name) {
        return newUser(name, Role.USER);
    }

    private User newUser(String name, Role role) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = bean(IdGenerator.class).newId();
        return new User(id, name, "{bcrypt}hash", role, now, now, 1, 0);
    }

    @Test
    void storedUserIsFoundByIdAndByNameIgnoringCase() {
        User user = newUser(Accounts.uniqueName("Mixed.Case"));
        users().insert(user);

        assertThat(users().findById(user.id())).contains(user);
        assertThat(users().findByUserName(user.userName().toUpperCase())).contains(user);
        assertThat(users().findById("no-such-id")).isEmpty();
    }

    @Test
    void userNamesAreUniqueRegardlessOfCase() {
        User first = newUser(Accounts.uniqueName("taken"));
        users().insert(first);

        assertThatThrownBy(() -> users().insert(newUser(first.userName().toUpperCase())))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void updateAppliesOnlyAtTheExpectedVersion() {
        User user = newUser(Accounts.uniqueName("versioned"));
        users().insert(user);
        User renamed =
                user.changed(
                        user.userName() + "-2",
                        user.passwordHash(),
                        Role.ADMIN,
                        user.updatedAt().plusSeconds(1));

        assertThat(users().update(renamed, 7)).isFalse();
        assertThat(users().findById(user.id())).contains(user);
        assertThat(users().update(renamed, 1)).isTrue();
        assertThat(users().findById(user.id())).contains(renamed);
        assertThat(users().update(renamed, 1)).as("the old version is stale now").isFalse();
    }

    @Test
    void renamingOntoATakenNameIsAConflict() {
        User taken = newUser(Accounts.uniqueName("first"));
        User other = newUser(Accounts.uniqueName("second"));
        users().insert(taken);
        users().insert(other);

        assertThatThrownBy(
                        () ->
                                users().update(
                                                other.changed(
                                                        taken.userName(),
                                                        "h",
                                                        Role.USER,
                                                        Instant.now()),
                                                1))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void deleteAppliesOnlyAtTheExpectedVersion() {
        User user = newUser(Accounts.uniqueName("doomed"));
        users().insert(user);

        assertThat(users().delete(user.id(), 2)).isFalse();
        assertThat(users().findById(user.id())).isPresent();
        assertThat(users().delete(user.id(), 1)).isTrue();
        assertThat(users().findById(user.id())).isEmpty();
    }

    @Test
    void listWalksEveryUserOnceInCreationOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User user = newUser(Accounts.uniqueName("paged"));
            users().insert(user);
            created.add(user.id());
        }
        List<Page<User>> pages = Pages.of(cursor -> users().list(PageRequest.of(2, cursor)));
        pages.forEach(page -> assertThat(page.items()).hasSizeLessThanOrEqualTo(2));
        List<String> seen = Pages.items(pages).stream().map(User::id).toList();

        assertThat(seen).doesNotHaveDuplicates().isSorted();
        assertThat(seen).containsSubsequence(created);
    }

    @Test
    void knowsWhetherAnyUserHasARole() {
        UserStore fresh = own.on(store).bean(UserStore.class);
        assertThat(fresh.anyWithRole(Role.USER)).as("a store without users").isFalse();
        assertThat(fresh.anyWithRole(Role.ADMIN)).isFalse();

        fresh.insert(newUser(Accounts.uniqueName("plain")));

        assertThat(fresh.anyWithRole(Role.USER)).isTrue();
        assertThat(fresh.anyWithRole(Role.ADMIN)).as("users, but no admin").isFalse();

        fresh.insert(newUser(Accounts.uniqueName("boss"), Role.ADMIN));

        assertThat(fresh.anyWithRole(Role.ADMIN)).isTrue();
    }
}
