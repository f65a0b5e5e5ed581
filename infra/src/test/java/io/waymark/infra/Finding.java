package io.waymark.infra;

/**
 * One cfn-lint or cfn-guard finding in one synthesized template.
 *
 * @param tool cfn-lint or cfn-guard
 * @param rule cfn-lint rule id (W3005) or cfn-guard rule name
 *     (ecs_containers_readonly_access_check)
 * @param template the template, relative to the test output (its path names the combination)
 * @param resource logical ID of the resource, or empty when the finding is about the template
 * @param message first line of the tool's message
 */
record Finding(String tool, String rule, String template, String resource, String message) {

    @Override
    public String toString() {
        return tool + " " + rule + " " + template + " " + resource + ": " + message;
    }
}
