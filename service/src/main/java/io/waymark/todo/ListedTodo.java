package io.waymark.todo;

/**
 * A to-do in a list.
 *
 * @param distanceM metres from the list's {@code near} point, or {@code null} in a list without one
 *     or for a to-do without a place
 */
record ListedTodo(Todo todo, Double distanceM) {

    TodoResponse response() {
        return TodoResponse.of(todo, distanceM == null ? null : Math.round(distanceM));
    }
}
