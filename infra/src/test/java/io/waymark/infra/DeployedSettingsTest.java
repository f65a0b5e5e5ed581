package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.contract.DeployedSetting;
import io.waymark.infra.service.Service;
import java.util.Arrays;
import java.util.HashSet;
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
        Set<String> inEvery = null;
        for (Combination combination : Combination.ALLOWED) {
            var serve = Containers.named(Synthesized.of(combination), Service.SERVE);
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
