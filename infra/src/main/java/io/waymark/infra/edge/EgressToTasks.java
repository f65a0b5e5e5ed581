package io.waymark.infra.edge;

import io.waymark.infra.service.Service;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;

/**
 * The egress of an edge's security group (the VPC link's, the ALB's): the service port inside the
 * VPC, nothing else.
 *
 * <p>Connecting the tasks adds their rule as a separate AWS::EC2::SecurityGroupEgress resource, and
 * CDK then drops its inline "disallow all" placeholder. A group whose own SecurityGroupEgress lists
 * nothing keeps the allow-all rule EC2 gives every new group, so this rule is written inline, where
 * it replaces that default.
 */
final class EgressToTasks {

    private EgressToTasks() {}

    static void restrict(SecurityGroup group, IVpc vpc) {
        group.addEgressRule(
                Peer.ipv4(vpc.getVpcCidrBlock()),
                Port.tcp(Service.PORT),
                "the service port of the tasks, inside the VPC only");
    }
}
