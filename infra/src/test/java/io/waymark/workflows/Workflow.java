package io.waymark.workflows;

import io.waymark.repository.RepositoryFiles;
import io.waymark.repository.Yamls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed GitHub Actions workflow file.
 *
 * @param file where it was read from, for messages
 * @param text the raw text, for checks that must see every line
 * @param document the parsed YAML
 */
record Workflow(Path file, String text, Map<Object, Object> document) {

    static Workflow load(Path file) {
        String text = RepositoryFiles.read(RepositoryFiles.root().relativize(file).toString());
        return new Workflow(file, text, RepositoryFiles.parseYaml(text));
    }

    static Workflow named(String fileName) {
        return load(RepositoryFiles.root().resolve(".github/workflows").resolve(fileName));
    }

    String fileName() {
        return file.getFileName().toString();
    }

    /** The file name, so parameterized test names stay readable. */
    @Override
    public String toString() {
        return fileName();
    }

    /** The {@code on:} block; YAML 1.1 turns the bare key {@code on} into {@code true}. */
    Map<Object, Object> triggers() {
        Object on = document.containsKey("on") ? document.get("on") : document.get(Boolean.TRUE);
        return Yamls.mapOrEmpty(on, fileName() + " on");
    }

    Map<Object, Object> permissions() {
        return Yamls.mapOrEmpty(document.get("permissions"), fileName() + " permissions");
    }

    Map<String, Job> jobs() {
        Map<String, Job> jobs = new LinkedHashMap<>();
        Yamls.map(document.get("jobs"), fileName() + " jobs")
                .forEach(
                        (id, body) ->
                                jobs.put(
                                        id.toString(),
                                        new Job(id.toString(), Yamls.map(body, "job " + id))));
        return jobs;
    }

    Job job(String id) {
        return Optional.ofNullable(jobs().get(id))
                .orElseThrow(() -> new AssertionError(fileName() + " has no job " + id));
    }

    List<Step> steps() {
        return jobs().values().stream().flatMap(job -> job.steps().stream()).toList();
    }

    /** Every action or reusable workflow referenced: steps' {@code uses} and jobs' {@code uses}. */
    List<String> uses() {
        List<String> uses = new ArrayList<>();
        for (Job job : jobs().values()) {
            job.uses().ifPresent(uses::add);
            job.steps().forEach(step -> step.uses().ifPresent(uses::add));
        }
        return uses;
    }

    /** A job: either steps on a runner, or a call of a reusable workflow ({@code uses}). */
    record Job(String id, Map<Object, Object> body) {

        Optional<String> uses() {
            return Optional.ofNullable(Yamls.text(body.get("uses")));
        }

        Map<Object, Object> permissions() {
            return Yamls.mapOrEmpty(body.get("permissions"), "job " + id + " permissions");
        }

        Map<Object, Object> with() {
            return Yamls.mapOrEmpty(body.get("with"), "job " + id + " with");
        }

        List<Step> steps() {
            if (body.get("steps") == null) {
                return List.of();
            }
            return Yamls.list(body.get("steps"), "job " + id + " steps").stream()
                    .map(step -> new Step(id, Yamls.map(step, "a step of job " + id)))
                    .toList();
        }

        List<Step> stepsUsing(String action) {
            return steps().stream()
                    .filter(
                            step ->
                                    step.uses()
                                            .map(ActionReference::new)
                                            .filter(ref -> ref.action().equals(action))
                                            .isPresent())
                    .toList();
        }
    }

    /** One step of a job. */
    record Step(String job, Map<Object, Object> body) {

        Optional<String> uses() {
            return Optional.ofNullable(Yamls.text(body.get("uses")));
        }

        String run() {
            return Optional.ofNullable(Yamls.text(body.get("run"))).orElse("");
        }

        Map<Object, Object> with() {
            return Yamls.mapOrEmpty(body.get("with"), "with of a step in job " + job);
        }

        Map<Object, Object> env() {
            return Yamls.mapOrEmpty(body.get("env"), "env of a step in job " + job);
        }
    }
}
