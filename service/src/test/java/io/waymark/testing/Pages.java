package io.waymark.testing;

import io.waymark.store.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Walks a paginated list to its end, following each page's cursor to the next until a page has
 * none: a store's {@link Page}s ({@code nextCursor}) or an endpoint's JSON pages ({@code
 * next_cursor}). Every page is returned, so a test can check each one as well as what they hold
 * together.
 */
public final class Pages {

    /**
     * More pages than any test list has: a walk this long means a cursor that never reaches the
     * end.
     */
    static final int MAX_PAGES = 1000;

    private Pages() {}

    /**
     * Every page of a store's list; {@code page} fetches the page at a cursor ({@code null}: the
     * first page).
     */
    public static <T> List<Page<T>> of(Function<String, Page<T>> page) {
        return after(page.apply(null), page);
    }

    /**
     * {@code first} and every page after it, for a test that acts between fetching the first page
     * and the rest.
     */
    public static <T> List<Page<T>> after(Page<T> first, Function<String, Page<T>> page) {
        return follow(first, Page::nextCursor, page);
    }

    /** What the pages hold, in order. */
    public static <T> List<T> items(List<Page<T>> pages) {
        return pages.stream().flatMap(page -> page.items().stream()).toList();
    }

    /**
     * Every answer of {@code GET path} (which may carry a query already), the first without a
     * cursor and each next with the {@code next_cursor} of the one before; every page must be a
     * 200.
     */
    public static List<Api.Response> of(Api api, String path, String token) {
        Function<String, Api.Response> page =
                cursor -> {
                    String url =
                            cursor == null
                                    ? path
                                    : path
                                            + (path.contains("?") ? "&" : "?")
                                            + "cursor="
                                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                    Api.Response response = api.get(url, token);
                    if (response.status() != 200) {
                        throw new AssertionError("GET " + url + " answered " + response);
                    }
                    return response;
                };
        return follow(
                page.apply(null),
                response -> {
                    JsonNode next = response.json().get("next_cursor");
                    return next == null || next.isNull() ? null : next.asString();
                },
                page);
    }

    /** The JSON items of every page, in order. */
    public static List<JsonNode> jsonItems(List<Api.Response> pages) {
        List<JsonNode> items = new ArrayList<>();
        pages.forEach(page -> page.json().get("items").forEach(items::add));
        return items;
    }

    private static <P> List<P> follow(
            P first, Function<P, String> nextCursor, Function<String, P> fetch) {
        List<P> pages = new ArrayList<>(List.of(first));
        for (String cursor = nextCursor.apply(first);
                cursor != null;
                cursor = nextCursor.apply(pages.getLast())) {
            if (pages.size() == MAX_PAGES) {
                throw new AssertionError(
                        "Still a next cursor after " + MAX_PAGES + " pages: " + cursor);
            }
            pages.add(fetch.apply(cursor));
        }
        return pages;
    }
}
