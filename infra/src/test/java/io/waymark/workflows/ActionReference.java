package io.waymark.workflows;

import java.util.regex.Pattern;

/**
 * A {@code uses:} value of a workflow, and the rule that it is pinned: a version tag ({@code v4},
 * {@code v4.2.1}) or a full commit SHA, never a branch, so a moved branch cannot change what runs
 * with the deploy role's credentials. Local actions and reusable workflows ({@code ./...}) live in
 * this repository and are pinned by the commit itself; Docker actions need a digest.
 *
 * @param value the text after {@code uses:}
 */
record ActionReference(String value) {

    private static final Pattern REMOTE =
            Pattern.compile("([\\w.-]+/[\\w.-]+)(/[\\w./-]+)?@([^@\\s]+)");
    private static final Pattern VERSION_TAG = Pattern.compile("v\\d+(\\.\\d+){0,2}");
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern DOCKER_DIGEST =
            Pattern.compile("docker://[^@\\s]+@sha256:[0-9a-f]{64}");

    boolean isLocal() {
        return value.startsWith("./");
    }

    boolean isPinned() {
        if (isLocal()) {
            return true;
        }
        if (value.startsWith("docker://")) {
            return DOCKER_DIGEST.matcher(value).matches();
        }
        var remote = REMOTE.matcher(value);
        if (!remote.matches()) {
            return false;
        }
        String ref = remote.group(3);
        return VERSION_TAG.matcher(ref).matches() || COMMIT_SHA.matcher(ref).matches();
    }

    /**
     * Pinned to a full commit SHA (a tag can be moved to other code; a commit cannot). Local files
     * are pinned by this repository's own commit.
     */
    boolean isPinnedToCommit() {
        if (isLocal()) {
            return true;
        }
        var remote = REMOTE.matcher(value);
        return remote.matches() && COMMIT_SHA.matcher(remote.group(3)).matches();
    }

    /**
     * {@code owner/repo} of a remote action (without path and ref), or the value itself otherwise.
     */
    String action() {
        var remote = REMOTE.matcher(value);
        return remote.matches() ? remote.group(1) : value;
    }
}
