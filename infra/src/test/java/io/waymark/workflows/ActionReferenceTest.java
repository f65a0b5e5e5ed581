package io.waymark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionReferenceTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "actions/checkout@v5",
                "aws-actions/configure-aws-credentials@v4.1.0",
                "github/codeql-action/init@v3",
                "actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00",
                "./.github/workflows/ci.yml",
                "docker://alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000"
            })
    void versionTagsCommitShasLocalFilesAndDigestsArePinned(String uses) {
        assertThat(new ActionReference(uses).isPinned()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "actions/checkout@main",
                "actions/checkout@master",
                "actions/checkout",
                "actions/checkout@latest",
                "actions/checkout@c5195ef",
                "docker://alpine:3",
                "docker://alpine"
            })
    void branchesShortShasMissingRefsAndMutableImagesAreNotPinned(String uses) {
        assertThat(new ActionReference(uses).isPinned()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "actions/checkout@v5",
                "actions/checkout@v5.0.0",
                "actions/checkout@c5195ef",
                "actions/checkout@main"
            })
    void tagsBranchesAndShortShasAreNotCommits(String uses) {
        assertThat(new ActionReference(uses).isPinnedToCommit()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00",
                "./.github/workflows/ci.yml"
            })
    void fullShasAndLocalFilesAreCommits(String uses) {
        assertThat(new ActionReference(uses).isPinnedToCommit()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aws-actions/configure-aws-credentials@v4",
                "aws-actions/configure-aws-credentials/sub@v4"
            })
    void actionNameLeavesOutPathAndRef(String uses) {
        assertThat(new ActionReference(uses).action())
                .isEqualTo("aws-actions/configure-aws-credentials");
    }
}
