package io.waymark.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.shared.Coordinate;
import io.waymark.shared.GreatCircle;
import io.waymark.shared.InvalidRequestException;
import io.waymark.store.Page;
import io.waymark.store.PageRequest;
import io.waymark.testing.OnEveryStore;
import io.waymark.testing.Pages;
import io.waymark.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TodoStore} must do, run against SQLite, PostgreSQL and MongoDB. */
class TodoStoreContractTest extends OnEveryStore {

    private static final int RACERS = 12;

    private String owner;
    private TodoFixtures fixtures;

    @BeforeEach
    void owner() {
        // A real user: on SQL stores to-dos reference users.
        owner = accounts().user().id();
        fixtures = new TodoFixtures(service(), owner);
    }

    private TodoStore todos() {
        return bean(TodoStore.class);
    }

    private TodoQuery query(TodoSort sort, boolean descending, int limit, String cursor) {
        return new TodoQuery(
                owner,
                null,
                null,
                null,
                null,
                null,
                sort,
                descending,
                PageRequest.of(limit, cursor));
    }

    private List<Todo> all(TodoQuery query) {
        return todos().list(query).items();
    }

    private TodoQuery filtered(TodoStatus status, Instant dueBefore, String search) {
        return new TodoQuery(
                owner,
                status,
                dueBefore,
                search == null ? null : search.toLowerCase(Locale.ROOT),
                null,
                null,
                TodoSort.CREATED_AT,
                false,
                PageRequest.of(200, null));
    }

    @Test
    void storedTodoIsFoundByIdWithEveryFieldIntact() {
        Todo bare = fixtures.stored(fixtures.todo("bare"));
        Todo full =
                fixtures.stored(
                        TodoFixtures.with(
                                fixtures.todo("full"),
                                "a description",
                                Instant.parse("2026-05-01T17:00:00.123Z"),
                                TodoStatus.IN_PROGRESS,
                                1000,
                                TodoFixtures.BASE.plusSeconds(5)));

        assertThat(todos().findById(bare.id())).contains(bare);
        assertThat(todos().findById(full.id())).contains(full);
        assertThat(todos().findById("no-such-id")).isEmpty();
    }

    @Test
    void updateAppliesOnlyAtTheExpectedVersion() {
        Todo todo = fixtures.stored(fixtures.todo("versioned"));
        Todo changed =
                todo.changed(
                        new TodoValues(
                                "renamed",
                                "now described",
                                TodoFixtures.BASE.plusSeconds(60),
                                TodoStatus.COMPLETED,
                                7,
                                new Place(new Coordinate(51_500_000, -120_000), 150, "north well"),
                                true),
                        TodoFixtures.BASE.plusSeconds(1));

        assertThat(todos().update(changed, 5)).isFalse();
        assertThat(todos().findById(todo.id())).contains(todo);
        assertThat(todos().update(changed, 1)).isTrue();
        assertThat(todos().findById(todo.id())).contains(changed);
        assertThat(todos().update(changed, 1)).as("version 1 is stale now").isFalse();
    }

    private Todo placed(String title, int latE6, int lngE6) {
        Todo todo = fixtures.todo(title);
        return fixtures.stored(
                new Todo(
                        todo.id(),
                        todo.ownerId(),
                        title,
                        null,
                        null,
                        TodoStatus.PENDING,
                        0,
                        new Place(new Coordinate(latE6, lngE6), 100, null),
                        false,
                        null,
                        todo.createdAt(),
                        todo.updatedAt(),
                        1));
    }

    @Test
    void matchingKeepsThePlacesInTheBoxAndWithoutOneEveryTodo() {
        Todo inside = placed("inside", 51_500_000, 0);
        Todo east = placed("east", 51_500_000, 100_000);
        Todo across = placed("across the antimeridian", 0, 179_999_000);
        Todo bare = fixtures.stored(fixtures.todo("bare"));
        TodoQuery query = filtered(null, null, null);

        Coordinate centre = new Coordinate(51_500_000, 1_000);
        assertThat(todos().matching(query, GreatCircle.box(centre, 1_000)))
                .as("a 1 km box around a point 70 m east of inside")
                .containsExactly(inside);
        assertThat(todos().matching(query, null))
                .containsExactlyInAnyOrder(inside, east, across, bare);
        assertThat(todos().matching(query, GreatCircle.box(new Coordinate(0, -179_999_000), 1_000)))
                .as("the box of a point across the antimeridian spans every longitude")
                .containsExactly(across);
    }

    @Test
    void nearPagesAreOrderedByDistanceThenIdWithPlacelessLast() {
        Todo far = placed("far", 51_520_000, 0);
        Todo bare = fixtures.stored(fixtures.todo("bare"));
        Todo near = placed("near", 51_501_000, 0);
        Todo tie = placed("tie", 51_501_000, 0);
        Coordinate from = new Coordinate(51_500_000, 0);
        List<Todo> walked =
                Pages.items(
                                Pages.of(
                                        cursor ->
                                                NearbyTodos.page(
                                                        box ->
                                                                todos().matching(
                                                                                filtered(
                                                                                        null, null,
                                                                                        null),
                                                                                box),
                                                        new TodoQuery(
                                                                owner,
                                                                null,
                                                                null,
                                                                null,
                                                                from,
                                                                null,
                                                                TodoSort.DISTANCE,
                                                                false,
                                                                PageRequest.of(1, cursor)))))
                        .stream()
                        .map(ListedTodo::todo)
                        .toList();
        List<Todo> tied =
                near.id().compareTo(tie.id()) < 0 ? List.of(near, tie) : List.of(tie, near);
        assertThat(walked).containsExactly(tied.get(0), tied.get(1), far, bare);
    }

    @Test
    void deleteAppliesOnlyAtTheExpectedVersion() {
        Todo todo = fixtures.stored(fixtures.todo("doomed"));

        assertThat(todos().delete(todo.id(), 2)).isFalse();
        assertThat(todos().findById(todo.id())).isPresent();
        assertThat(todos().delete(todo.id(), 1)).isTrue();
        assertThat(todos().findById(todo.id())).isEmpty();
        assertThat(todos().delete(todo.id(), 1)).isFalse();
    }

    @Test
    void ofConcurrentUpdatesAtOneVersionExactlyOneWins() {
        Todo todo = fixtures.stored(fixtures.todo("contested"));
        List<Todo> changes =
                IntStream.range(0, RACERS)
                        .mapToObj(
                                i ->
                                        todo.changed(
                                                new TodoValues(
                                                        "racer " + i,
                                                        null,
                                                        null,
                                                        TodoStatus.PENDING,
                                                        i,
                                                        null,
                                                        false),
                                                TodoFixtures.BASE.plusSeconds(i)))
                        .toList();
        TodoStore todos = todos();

        long wins =
                Race.run(RACERS, i -> todos.update(changes.get(i), 1)).stream()
                        .filter(won -> won)
                        .count();

        assertThat(wins).isEqualTo(1);
        assertThat(todos().findById(todo.id()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void listHoldsOnlyTheOwnersTodosUnlessEveryOwnerIsAsked() {
        Todo mine = fixtures.stored(fixtures.todo("mine"));
        TodoFixtures others = new TodoFixtures(service(), accounts().user().id());
        Todo theirs = others.stored(others.todo("theirs"));

        assertThat(all(filtered(null, null, null))).containsExactly(mine);
        List<Todo> everyone =
                Pages.items(
                        Pages.of(
                                cursor ->
                                        todos().list(
                                                        new TodoQuery(
                                                                null,
                                                                null,
                                                                null,
                                                                null,
                                                                null,
                                                                null,
                                                                TodoSort.CREATED_AT,
                                                                true,
                                                                PageRequest.of(200, cursor)))));
        assertThat(everyone).contains(mine, theirs);
    }

    @Test
    void statusFilterMatchesOnlyThatStatus() {
        Todo pending = fixtures.stored(fixtures.todo("pending"));
        Todo done =
                fixtures.stored(
                        TodoFixtures.with(
                                fixtures.todo("done"),
                                null,
                                null,
                                TodoStatus.COMPLETED,
                                0,
                                TodoFixtures.BASE));

        assertThat(all(filtered(TodoStatus.COMPLETED, null, null))).containsExactly(done);
        assertThat(all(filtered(TodoStatus.PENDING, null, null))).containsExactly(pending);
        assertThat(all(filtered(TodoStatus.IN_PROGRESS, null, null))).isEmpty();
    }

    @Test
    void dueBeforeMatchesDeadlinesStrictlyEarlierAndNeverTodosWithoutOne() {
        Instant cut = Instant.parse("2026-06-01T00:00:00Z");
        Todo early =
                fixtures.stored(
                        TodoFixtures.with(
                                fixtures.todo("early"),
                                null,
                                cut.minusMillis(1),
                                TodoStatus.PENDING,
                                0,
                                TodoFixtures.BASE));
        fixtures.stored(
                TodoFixtures.with(
                        fixtures.todo("on the cut"),
                        null,
                        cut,
                        TodoStatus.PENDING,
                        0,
                        TodoFixtures.BASE));
        fixtures.stored(
                TodoFixtures.with(
                        fixtures.todo("late"),
                        null,
                        cut.plusSeconds(1),
                        TodoStatus.PENDING,
                        0,
                        TodoFixtures.BASE));
        fixtures.stored(fixtures.todo("no deadline"));

        assertThat(all(filtered(null, cut, null))).containsExactly(early);
    }

    @Test
    void searchIsACaseInsensitiveSubstringOfTitleOrDescriptionOnEveryStore() {
        Todo milk = fixtures.stored(fixtures.todo("Buy MILK"));
        Todo described =
                fixtures.stored(
                        TodoFixtures.with(
                                fixtures.todo("errand"),
                                "pick up the Milkshake",
                                null,
                                TodoStatus.PENDING,
                                0,
                                TodoFixtures.BASE));
        Todo percent = fixtures.stored(fixtures.todo("raise 50% of funds"));
        Todo underscore = fixtures.stored(fixtures.todo("rename a_b.txt"));
        Todo umlaut = fixtures.stored(fixtures.todo("ÄRGER vermeiden"));
        fixtures.stored(fixtures.todo("raise 500 dollars"));
        fixtures.stored(fixtures.todo("rename axb"));

        assertThat(all(filtered(null, null, "milk"))).containsExactlyInAnyOrder(milk, described);
        assertThat(all(filtered(null, null, "50%")))
                .as("%% is no wildcard")
                .containsExactly(percent);
        assertThat(all(filtered(null, null, "a_b")))
                .as("_ is no wildcard")
                .containsExactly(underscore);
        assertThat(all(filtered(null, null, "b.txt")))
                .as(". is no regex")
                .containsExactly(underscore);
        assertThat(all(filtered(null, null, ".*"))).as("nor is .*").isEmpty();
        assertThat(all(filtered(null, null, "ärger")))
                .as("case folding beyond ASCII")
                .containsExactly(umlaut);
    }

    @Test
    void everySortInBothDirectionsPagesThroughEveryRowExactlyOnceInOrder() {
        List<Todo> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // Ties in every key (priority i % 3, two deadlines, shared creation times) and three
            // without a deadline.
            Instant deadline =
                    i % 3 == 0 ? null : TodoFixtures.BASE.plus(Duration.ofDays(i % 2 + 1));
            rows.add(
                    fixtures.stored(
                            TodoFixtures.with(
                                    fixtures.todo("row " + i),
                                    null,
                                    deadline,
                                    TodoStatus.PENDING,
                                    (i % 3) * 10,
                                    TodoFixtures.BASE.plusSeconds(i / 2))));
        }
        for (TodoSort sort : TodoSort.values()) {
            if (sort == TodoSort.DISTANCE) {
                continue; // NearbyTodos orders by distance, the same for every store
            }
            for (boolean descending : new boolean[] {false, true}) {
                Comparator<Todo> order =
                        Comparator.<Todo>comparingLong(sort::keyOf).thenComparing(Todo::id);
                List<Todo> expected =
                        rows.stream().sorted(descending ? order.reversed() : order).toList();

                List<Page<Todo>> pages =
                        Pages.of(cursor -> todos().list(query(sort, descending, 2, cursor)));
                pages.forEach(page -> assertThat(page.items()).hasSizeLessThanOrEqualTo(2));
                List<Todo> walked = Pages.items(pages);

                assertThat(walked)
                        .as(sort + (descending ? " desc" : " asc"))
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void withoutADeadlineSortsLastAscendingAndFirstDescending() {
        Todo none = fixtures.stored(fixtures.todo("someday"));
        Todo soon =
                fixtures.stored(
                        TodoFixtures.with(
                                fixtures.todo("soon"),
                                null,
                                TodoFixtures.BASE,
                                TodoStatus.PENDING,
                                0,
                                TodoFixtures.BASE));

        assertThat(all(query(TodoSort.DEADLINE, false, 10, null))).containsExactly(soon, none);
        assertThat(all(query(TodoSort.DEADLINE, true, 10, null))).containsExactly(none, soon);
    }

    @Test
    void pagesStayStableWhileRowsAreInserted() {
        List<Todo> before = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(
                    fixtures.stored(
                            TodoFixtures.with(
                                    fixtures.todo("old " + i),
                                    null,
                                    null,
                                    TodoStatus.PENDING,
                                    5,
                                    TodoFixtures.BASE.plusSeconds(i))));
        }
        Page<Todo> first = todos().list(query(TodoSort.PRIORITY, false, 2, null));
        // Rows sorting before and after the cursor arrive between pages: no row is skipped or
        // repeated.
        fixtures.stored(
                TodoFixtures.with(
                        fixtures.todo("new, sorts first"),
                        null,
                        null,
                        TodoStatus.PENDING,
                        1,
                        TodoFixtures.BASE));
        fixtures.stored(
                TodoFixtures.with(
                        fixtures.todo("new, sorts last"),
                        null,
                        null,
                        TodoStatus.PENDING,
                        9,
                        TodoFixtures.BASE));
        List<Todo> walked =
                Pages.items(
                        Pages.after(
                                first,
                                cursor ->
                                        todos().list(query(TodoSort.PRIORITY, false, 2, cursor))));

        assertThat(walked).doesNotHaveDuplicates().containsAll(before);
        assertThat(walked.getLast().title()).isEqualTo("new, sorts last");
    }

    @Test
    void aCursorFromAnotherOrderIsRefused() {
        for (int i = 0; i < 3; i++) {
            fixtures.stored(fixtures.todo("row " + i));
        }
        String cursor = todos().list(query(TodoSort.PRIORITY, false, 1, null)).nextCursor();

        assertThatThrownBy(() -> todos().list(query(TodoSort.PRIORITY, true, 1, cursor)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> todos().list(query(TodoSort.DEADLINE, false, 1, cursor)))
                .isInstanceOf(InvalidRequestException.class);
    }
}
