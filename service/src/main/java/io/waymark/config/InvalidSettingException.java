package io.waymark.config;

/**
 * A configuration value that cannot work. Start-up stops with one line naming the variable, so an
 * operator reading the task's last log line knows what to fix.
 */
public class InvalidSettingException extends RuntimeException {

    private final String variable;

    public InvalidSettingException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
