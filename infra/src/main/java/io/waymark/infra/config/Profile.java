package io.waymark.infra.config;

/** Deployment size: {@code lean} is one cheap task, {@code standard} is highly available. */
public enum Profile {
    LEAN,
    STANDARD;

    public boolean isLean() {
        return this == LEAN;
    }
}
