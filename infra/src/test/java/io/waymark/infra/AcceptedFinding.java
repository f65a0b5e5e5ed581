package io.waymark.infra;

import java.util.regex.Pattern;

/**
 * A cfn-lint or cfn-guard finding that stays, with the reason a reviewer reads. It matches by tool,
 * rule, resource (a regular expression over the logical ID, since CDK appends hashes) and template
 * (a regular expression over its path, which names the combination: lean/standard, dev/prod,
 * pipeline stages).
 *
 * @param tool cfn-lint or cfn-guard
 * @param rule rule id or name
 * @param resource regular expression the logical ID must match in full
 * @param templates regular expression the template path must match in full
 * @param reason why the finding is accepted: the design decision or the trade-off
 */
record AcceptedFinding(
        String tool, String rule, Pattern resource, Pattern templates, String reason) {

    private static final Pattern ANY = Pattern.compile(".*");
    // Paths of non-prod templates: no "prod" anywhere (prod stacks and the pipelines' Prod stage
    // assemblies have it).
    private static final Pattern NON_PROD = Pattern.compile("(?i)(?!.*prod).*");
    private static final Pattern LEAN = Pattern.compile(".*lean-.*");

    static AcceptedFinding guard(String rule, String resource, String reason) {
        return new AcceptedFinding("cfn-guard", rule, Pattern.compile(resource), ANY, reason);
    }

    static AcceptedFinding guardOutsideProd(String rule, String resource, String reason) {
        return new AcceptedFinding("cfn-guard", rule, Pattern.compile(resource), NON_PROD, reason);
    }

    static AcceptedFinding guardInLean(String rule, String resource, String reason) {
        return new AcceptedFinding("cfn-guard", rule, Pattern.compile(resource), LEAN, reason);
    }

    static AcceptedFinding lint(String rule, String resource, String reason) {
        return new AcceptedFinding("cfn-lint", rule, Pattern.compile(resource), ANY, reason);
    }

    boolean accepts(Finding finding) {
        return tool.equals(finding.tool())
                && rule.equals(finding.rule())
                && resource.matcher(finding.resource()).matches()
                && templates.matcher(finding.template()).matches();
    }
}
