package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.contract.DeployedSetting;
import io.waymark.infra.service.Service;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The settings every deployment gives {@code serve} are the contract's list ({@link
 * DeployedSetting}), which the service's tests start from: the service's rule that no condition
 * reads such a setting is checked against what the CDK app really sets.
 */
class DeployedSettingsTest {

    @Test
    void everyDeploymentSetsExactlyTheContractsSettingsInCommon() {
        // A whole CPU as well: below one the tasks also get the JVM flags of Service.BELOW_ONE_CPU.
        Combination standard = Combination.ALLOWED.get(1);
        Map<String, Object> wholeCpu = new HashMap<>(standard.context());
        wholeCpu.put("taskCpu", "1024");
        wholeCpu.put("taskMemory", "2048");
        List<Synthesized> deployments = new ArrayList<>();
        Combination.ALLOWED.forEach(combination -> deployments.add(Synthesized.of(combination)));
        deployments.add(Synthesized.of("whole CPU", wholeCpu, standard.stackName()));

        Set<String> inEvery = null;
        for (Synthesized deployment : deployments) {
            var serve = Containers.named(deployment, Service.SERVE);
            Set<String> names = new HashSet<>(Containers.environment(serve).keySet());
            Containers.secretNames(serve).forEach(name -> names.add((String) name));
            if (inEvery == null) {
                inEvery = names;
            } else {
                inEvery.retainAll(names);
            }
        }
        assertThat(new TreeSet<>(inEvery))
                .as("set by every synthesized deployment, in DeployedSetting")
                .isEqualTo(
                        Arrays.stream(DeployedSetting.values())
                                .map(Enum::name)
                                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
