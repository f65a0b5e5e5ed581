package io.waymark.infra.config;

/**
 * How big the service is and when it grows: the Terraform users demo's {@code min_capacity}, {@code
 * max_capacity}, {@code cpu_threshold} and {@code mem_threshold}, plus the Fargate task size.
 *
 * <p>Memory is an alarm, not a scaling signal: the JVM's heap is fixed ({@code -Xmx128m} in
 * scripts/container/jvm.options, about 300 MB of process in all) and a collector does not give it
 * back, so memory does not follow load and a memory target would only scale out for nothing.
 *
 * @param taskCpu Fargate CPU units of one task ({@code taskCpu})
 * @param taskMemoryMiB Fargate memory of one task ({@code taskMemory})
 * @param minTasks autoscaling lower bound ({@code minTasks}; lean always runs one task)
 * @param maxTasks autoscaling upper bound ({@code maxTasks})
 * @param cpuTargetPercent CPU target tracking, the scaling signal ({@code cpuThreshold})
 * @param memoryAlarmPercent memory alarm threshold ({@code memoryThreshold})
 */
public record Sizing(
        int taskCpu,
        int taskMemoryMiB,
        int minTasks,
        int maxTasks,
        int cpuTargetPercent,
        int memoryAlarmPercent) {

    /** Lean: one 0.25 vCPU / 0.5 GB task. */
    static final Sizing LEAN = new Sizing(256, 512, 1, 1, 60, 90);

    /** Standard: 0.5 vCPU / 1 GB tasks, two (one per AZ) to four. */
    static final Sizing STANDARD = new Sizing(512, 1024, 2, 4, 60, 90);

    public Sizing {
        requireFargateSize(taskCpu, taskMemoryMiB);
        if (minTasks > maxTasks) {
            throw ContextKey.MAX_TASKS.invalid(maxTasks + " is below minTasks " + minTasks);
        }
    }

    static Sizing defaults(Profile profile) {
        return profile.isLean() ? LEAN : STANDARD;
    }

    /**
     * The CPU/memory pairs Fargate accepts (Linux): 256 → 512–2048; 512 → 1–4 GB; 1024 → 2–8 GB;
     * 2048 → 4–16 GB and 4096 → 8–30 GB in 1 GB steps; 8192 → 16–60 GB in 4 GB steps; 16384 →
     * 32–120 GB in 8 GB steps.
     */
    static void requireFargateSize(int cpu, int memory) {
        boolean valid =
                switch (cpu) {
                    case 256 -> memory == 512 || memory == 1024 || memory == 2048;
                    case 512 -> inSteps(memory, 1024, 4096, 1024);
                    case 1024 -> inSteps(memory, 2048, 8192, 1024);
                    case 2048 -> inSteps(memory, 4096, 16384, 1024);
                    case 4096 -> inSteps(memory, 8192, 30720, 1024);
                    case 8192 -> inSteps(memory, 16384, 61440, 4096);
                    case 16384 -> inSteps(memory, 32768, 122880, 8192);
                    default ->
                            throw ContextKey.TASK_CPU.invalid(
                                    "'"
                                            + cpu
                                            + "' is not a Fargate size: 256, 512, 1024, 2048, 4096, 8192 or 16384");
                };
        if (!valid) {
            throw ContextKey.TASK_MEMORY.invalid(
                    "'"
                            + memory
                            + "' MiB does not go with taskCpu "
                            + cpu
                            + " on Fargate (see the CPU/memory table in docs/deploying-to-aws.md)");
        }
    }

    private static boolean inSteps(int value, int min, int max, int step) {
        return value >= min && value <= max && value % step == 0;
    }
}
