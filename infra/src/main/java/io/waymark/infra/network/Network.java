package io.waymark.infra.network;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The VPC. Neither profile has a NAT gateway: lean tasks get a public IP (cheaper than a NAT at
 * $33/month), standard tasks sit in isolated subnets and reach AWS through VPC endpoints only.
 */
public final class Network extends Construct {

    private static final String CIDR = "10.40.0.0/16";

    private final Vpc vpc;
    private final boolean lean;

    public Network(Construct scope, String id, NetworkProps props) {
        super(scope, id);
        this.lean = props.profile().isLean();
        // The stack is environment-agnostic (no AZ lookup, so synth needs no credentials): the AZs
        // are Fn::GetAZs picks, at most two, unless availabilityZoneIds pins them (see pinZoneIds).
        this.vpc =
                Vpc.Builder.create(this, "Vpc")
                        .ipAddresses(IpAddresses.cidr(CIDR))
                        .maxAzs(lean ? 1 : 2)
                        .natGateways(0)
                        .subnetConfiguration(
                                lean
                                        ? List.of(subnet("public", SubnetType.PUBLIC))
                                        : List.of(
                                                subnet("public", SubnetType.PUBLIC),
                                                subnet("private", SubnetType.PRIVATE_ISOLATED)))
                        // true would add a custom-resource Lambda; nothing here uses the default
                        // security group.
                        .restrictDefaultSecurityGroup(false)
                        .build();
        LogGroup flowLogs =
                LogGroup.Builder.create(this, "FlowLogs")
                        .retention(props.logRetention())
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();
        vpc.addFlowLog(
                "FlowLog",
                FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.REJECT)
                        .build());
        pinZoneIds(props.availabilityZoneIds());
        if (!lean) {
            addEndpoints(props.xray());
        }
    }

    // Subnets are created per AZ in the order of vpc.getAvailabilityZones(); the i-th AZ becomes
    // the i-th ID.
    // AvailabilityZoneId and AvailabilityZone are mutually exclusive in AWS::EC2::Subnet.
    private void pinZoneIds(List<String> zoneIds) {
        if (zoneIds.isEmpty()) {
            return;
        }
        List<String> zones = vpc.getAvailabilityZones();
        List<ISubnet> subnets = new ArrayList<>(vpc.getPublicSubnets());
        subnets.addAll(vpc.getIsolatedSubnets());
        for (ISubnet subnet : subnets) {
            int index = zones.indexOf(subnet.getAvailabilityZone());
            CfnSubnet cfn = (CfnSubnet) subnet.getNode().getDefaultChild();
            cfn.addPropertyDeletionOverride("AvailabilityZone");
            cfn.addPropertyOverride("AvailabilityZoneId", zoneIds.get(index));
        }
    }

    // What a task in an isolated subnet needs: pull the image (ECR api + dkr, layers from S3),
    // write logs, read its secrets, and the SSM channel of ECS Exec; with tracing=xray also X-Ray,
    // where the collector sends spans.
    private void addEndpoints(boolean xray) {
        // One group for all endpoints, HTTPS from inside the VPC; the CIDR is a literal so the rule
        // is reviewable.
        SecurityGroup endpoints =
                SecurityGroup.Builder.create(this, "EndpointsSecurityGroup")
                        .vpc(vpc)
                        .description("VPC interface endpoints: HTTPS from inside the VPC")
                        .allowAllOutbound(false)
                        .build();
        endpoints.addIngressRule(Peer.ipv4(CIDR), Port.tcp(443), "HTTPS from the VPC");
        vpc.addGatewayEndpoint(
                "S3",
                GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3)
                        .subnets(
                                List.of(
                                        SubnetSelection.builder()
                                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                                .build()))
                        .build());
        List<InterfaceVpcEndpointAwsService> services =
                new ArrayList<>(
                        List.of(
                                InterfaceVpcEndpointAwsService.ECR,
                                InterfaceVpcEndpointAwsService.ECR_DOCKER,
                                InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
                                InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
                                InterfaceVpcEndpointAwsService.SSM_MESSAGES));
        if (xray) {
            services.add(InterfaceVpcEndpointAwsService.XRAY);
        }
        services.forEach(
                service ->
                        vpc.addInterfaceEndpoint(
                                endpointId(service),
                                InterfaceVpcEndpointOptions.builder()
                                        .service(service)
                                        .subnets(serviceSubnets())
                                        .privateDnsEnabled(true)
                                        .securityGroups(List.of(endpoints))
                                        .open(false)
                                        .build()));
    }

    private static String endpointId(InterfaceVpcEndpointAwsService service) {
        String name = service.getShortName().replaceAll("[^A-Za-z0-9]", " ");
        StringBuilder id = new StringBuilder();
        for (String word : name.split(" +")) {
            id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return id + "Endpoint";
    }

    // No automatic public IPs, even in public subnets: the ALB needs none, and ECS gives the lean
    // task its own public IP through the service's assignPublicIp. (CDK refuses the setting on
    // isolated subnets, which have none.)
    private static SubnetConfiguration subnet(String name, SubnetType type) {
        var subnet = SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(24);
        if (type == SubnetType.PUBLIC) {
            subnet.mapPublicIpOnLaunch(false);
        }
        return subnet.build();
    }

    public Vpc vpc() {
        return vpc;
    }

    /**
     * Where tasks, databases and the VPC link live: the public subnet (lean) or the isolated ones
     * (standard).
     */
    public SubnetSelection serviceSubnets() {
        return SubnetSelection.builder()
                .subnetType(lean ? SubnetType.PUBLIC : SubnetType.PRIVATE_ISOLATED)
                .build();
    }

    /** Lean tasks need a public IP to reach ECR and CloudWatch without a NAT gateway. */
    public boolean tasksNeedPublicIp() {
        return lean;
    }
}
