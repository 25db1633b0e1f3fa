import { describe, expect, it } from "@jest/globals";
import { PRIVILEGED_WORKLOADS } from "./privileged-workloads.js";
import {
  needsHostPath,
  needsUnconfined,
  recognizePrivilegedWorkload,
  type WorkloadFacts,
} from "./recognize.js";

const CASES: readonly { name: string; facts: WorkloadFacts; id: string | null }[] = [
  {
    name: "a Bidirectional mount alone: a workload sharing its mounts, not a CSI node plugin",
    facts: { image: "example/storage:1", propagation: ["Bidirectional"] },
    id: "bidirectional-mounts",
  },
  {
    name: "a CSI node plugin mounting with Bidirectional propagation is a CSI node plugin",
    facts: {
      image: "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0",
      mountPaths: ["/var/lib/kubelet", "/csi"],
      propagation: ["Bidirectional"],
    },
    id: "csi-node-plugin",
  },
  {
    name: "NVIDIA's driver container mounting the driver root Bidirectional is a GPU driver container",
    facts: {
      image: "nvcr.io/nvidia/driver:570.86.15-ubuntu22.04",
      command: ["nvidia-driver", "init"],
      hostNamespaces: ["pid"],
      propagation: ["Bidirectional"],
    },
    id: "gpu-driver-container",
  },
  {
    name: "the NFS CSI driver's plugin on the host network, which its NFS mounts live in",
    facts: {
      image: "registry.k8s.io/sig-storage/nfsplugin:v4.11.0",
      mountPaths: ["/var/lib/kubelet/pods", "/csi"],
      propagation: ["Bidirectional"],
      hostNamespaces: ["network"],
    },
    id: "csi-network-filesystem",
  },
  {
    name: "the NFS CSI driver's plugin on a network of its own is a CSI node plugin",
    facts: {
      image: "registry.k8s.io/sig-storage/nfsplugin:v4.11.0",
      mountPaths: ["/var/lib/kubelet/pods", "/csi"],
      propagation: ["Bidirectional"],
    },
    id: "csi-node-plugin",
  },
  {
    name: "the kubelet's plugin registry",
    facts: {
      image: "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1",
      mountPaths: ["/registration"],
      hostPaths: ["/var/lib/kubelet/plugins_registry/"],
    },
    id: "csi-node-plugin",
  },
  {
    name: "calico-node on the host network",
    facts: { image: "docker.io/calico/node:v3.29.0", hostNamespaces: ["network"] },
    id: "cni-agent",
  },
  {
    name: "a CNI installer writing /etc/cni/net.d on the host network",
    facts: {
      image: "example/installer",
      mountPaths: ["/host/etc/cni/net.d"],
      hostNamespaces: ["network"],
    },
    id: "cni-agent",
  },
  {
    name: "flanneld from a chart whose image is a template action",
    facts: { command: ["/opt/bin/flanneld"], hostNamespaces: ["network"] },
    id: "cni-agent",
  },
  {
    name: "Falco with its kernel driver",
    facts: {
      image: "docker.io/falcosecurity/falco:0.41.3",
      args: ["/usr/bin/falco"],
      mountPaths: ["/host/proc", "/host/dev"],
    },
    id: "falco",
  },
  {
    name: "Falco's driver loader in a chart, known by its environment",
    facts: {
      args: ["kmod"],
      environment: ["HOST_ROOT", "FALCOCTL_DRIVER_CONFIG_UPDATE_FALCO"],
      mountPaths: ["/host/boot", "/host/lib/modules"],
    },
    id: "falco",
  },
  {
    name: "the same image off the host network is not taken for a CNI agent",
    facts: { image: "docker.io/calico/node:v3.29.0" },
    id: null,
  },
  {
    name: "the NVIDIA device plugin",
    facts: {
      image: "nvcr.io/nvidia/k8s-device-plugin:v0.17.0",
      mountPaths: ["/var/lib/kubelet/device-plugins"],
    },
    id: "device-plugin",
  },
  {
    name: "the NVIDIA driver container (Bidirectional /run/nvidia) is a GPU driver container, not a CSI plugin",
    facts: {
      command: ["nvidia-driver", "init"],
      mountPaths: ["/run/nvidia"],
      propagation: ["Bidirectional"],
      hostNamespaces: ["pid"],
    },
    id: "gpu-driver-container",
  },
  {
    name: "NVIDIA's GDS driver installed from a bash -xc script",
    facts: {
      command: ["bash", "-xc"],
      args: [
        "until [ -d /run/nvidia/driver/usr/src ] && lsmod | grep nvidia; do sleep 10; done; exec nvidia-gds-driver install",
      ],
      hostNamespaces: ["pid"],
    },
    id: "gpu-driver-container",
  },
  {
    name: "the driver image, by name",
    facts: { image: "nvcr.io/nvidia/driver:550.127.08-ubuntu22.04", hostNamespaces: ["pid"] },
    id: "gpu-driver-container",
  },
  {
    name: "a driver installer without host PID is not (NVIDIA runs it with --pid=host)",
    facts: { command: ["nvidia-driver", "init"] },
    id: null,
  },
  {
    name: "a node agent reading /host/proc with host PID",
    facts: { image: "example/agent", mountPaths: ["/host/proc"], hostNamespaces: ["pid"] },
    id: "node-agent",
  },
  {
    name: "/host/proc without host PID is not",
    facts: { image: "example/agent", mountPaths: ["/host/proc"] },
    id: null,
  },
  {
    name: "the MetalLB speaker on the host network",
    facts: { image: "quay.io/metallb/speaker:v0.14.8", hostNamespaces: ["network"] },
    id: "lb-announcer",
  },
  {
    name: "a speaker whose image is not written (a chart template) by its environment",
    facts: {
      args: ["--port=7472"],
      environment: ["METALLB_NODE_NAME", "METALLB_HOST"],
      hostNamespaces: ["network"],
    },
    id: "lb-announcer",
  },
  {
    name: "kube-vip in ARP mode",
    facts: { image: "ghcr.io/kube-vip/kube-vip:v0.8.0", hostNamespaces: ["network"] },
    id: "lb-announcer",
  },
  {
    name: "the speaker off the host network is not",
    facts: { image: "quay.io/metallb/speaker:v0.14.8" },
    id: null,
  },
  { name: "docker:dind", facts: { image: "docker:27-dind" }, id: "docker-in-docker" },
  {
    // home-assistant/supervisor's .github/workflows/builder.yml, "Create the Supervisor".
    name: "Home Assistant's Supervisor, by its image and its variables",
    facts: {
      image: "ghcr.io/home-assistant/amd64-hassio-supervisor:runner",
      environment: ["SUPERVISOR_SHARE", "SUPERVISOR_NAME"],
    },
    id: "home-assistant-supervisor",
  },
  {
    name: "BuildKit's rootful daemon",
    facts: {
      image: "moby/buildkit:master",
      args: ["--addr", "unix:///run/buildkit/buildkitd.sock"],
    },
    id: "buildkit-daemon",
  },
  {
    name: "BuildKit's rootless daemon is the rootless entry's",
    facts: { image: "moby/buildkit:master-rootless", args: ["--oci-worker-no-process-sandbox"] },
    id: "buildkit-rootless",
  },
  {
    // tektoncd/pipeline's examples/v1/taskruns/dind-sidecar.yaml.
    name: "the docker image pinned by digest, by the daemon's flags",
    facts: {
      image:
        "mirror.gcr.io/library/docker@sha256:0752ca4e936da012c173c119217c0f9599b3b191c1557e53206d5d06d2627580",
      args: ["--storage-driver=vfs", "--userland-proxy=false", "--debug"],
    },
    id: "docker-in-docker",
  },
  {
    // cAdvisor reads the node's /var/lib/docker: a mount there alone makes no daemon.
    name: "a container given /var/lib/docker is not a daemon by that alone",
    facts: { image: "gcr.io/cadvisor/cadvisor:v0.49.1", mountPaths: ["/var/lib/docker"] },
    id: null,
  },
  {
    name: "dockerd started by a script",
    facts: { command: ["sh", "-c", "dockerd --host=unix:///var/run/docker.sock &"] },
    id: "docker-in-docker",
  },
  // kind's, k3s's (and k3d's) and minikube's node images, as their tools run them (--privileged).
  {
    name: "a kind node",
    facts: { image: "kindest/node:v1.31.0" },
    id: "kubernetes-node-in-container",
  },
  {
    name: "k3s in Docker, from a mirror",
    facts: { image: "mirror.gcr.io/rancher/k3s:v1.30.4-k3s1", args: ["server"] },
    id: "kubernetes-node-in-container",
  },
  {
    name: "minikube's docker driver",
    facts: { image: "gcr.io/k8s-minikube/kicbase:v0.0.45" },
    id: "kubernetes-node-in-container",
  },
  {
    name: "kind's own CLI image is no node",
    facts: { image: "kindest/kindnetd:v20240813" },
    id: null,
  },
  {
    name: "Istio's CNI node agent, before the CNI agents whose folders and host network it shares",
    facts: {
      image: "docker.io/istio/install-cni:1.27.0",
      mountPaths: ["/host/opt/cni/bin", "/host/etc/cni/net.d", "/host/proc"],
      hostPaths: ["/opt/cni/bin", "/etc/cni/net.d", "/proc"],
      hostNamespaces: ["network"],
    },
    id: "istio-cni-node-agent",
  },
  {
    name: "Istio's CNI node agent from its chart, the image from values, by its variables",
    facts: { image: "_0_/_1_:_2_", environment: ["REPAIR_SIDECAR_ANNOTATION"] },
    id: "istio-cni-node-agent",
  },
  {
    name: "Cilium's agent, before the CNI agents whose folders and host network it shares",
    facts: {
      image: "quay.io/cilium/cilium:v1.18.0",
      mountPaths: ["/host/opt/cni/bin", "/host/etc/cni/net.d", "/sys/fs/bpf"],
      hostNamespaces: ["network"],
    },
    id: "cilium-agent",
  },
  {
    name: "Bitnami's Cilium agent, by its program",
    facts: {
      image: "_0_/_1_:_2_",
      command: ["cilium-agent"],
      args: ["--config-dir=/opt/bitnami/cilium/conf"],
    },
    id: "cilium-agent",
  },
  {
    name: "Cilium's Envoy (Bitnami's image)",
    facts: { image: "docker.io/bitnami/cilium-proxy:1.34.4", hostNamespaces: ["network"] },
    id: "cilium-envoy",
  },
  {
    name: "Cilium's operator, by its image",
    facts: { image: "quay.io/cilium/operator-generic:v1.18.0", hostNamespaces: ["network"] },
    id: "cni-operator",
  },
  {
    name: "Bitnami's Cilium operator, by its image",
    facts: { image: "docker.io/bitnami/cilium-operator:1.18.1" },
    id: "cni-operator",
  },
  {
    name: "Tigera's operator for Calico, by its image",
    facts: { image: "quay.io/tigera/operator:v1.38.0", hostNamespaces: ["network"] },
    id: "cni-operator",
  },
  {
    name: "Cilium's certificate generator job, by its image",
    facts: { image: "quay.io/cilium/certgen:v0.2.1", hostNamespaces: ["network"] },
    id: "cni-operator",
  },
  {
    name: "Cilium's CI image of its agent",
    facts: { image: "quay.io/cilium/cilium-ci:latest", hostNamespaces: ["network"] },
    id: "cilium-agent",
  },
  {
    name: "Cilium's node-init, which runs a start-up script on the node",
    facts: {
      image: "quay.io/cilium/startup-script:c54c7ede",
      environment: ["STARTUP_SCRIPT"],
      hostNamespaces: ["pid", "network"],
    },
    id: "node-startup-script",
  },
  {
    // Longhorn's deploy/prerequisite/longhorn-cifs-installation.yaml.
    name: "a package installer run on the node through nsenter into PID 1's mount namespace",
    facts: {
      image: "alpine:3.12",
      command: [
        "nsenter",
        "--mount=/proc/1/ns/mnt",
        "--",
        "bash",
        "-c",
        "apt-get install -y cifs-utils",
      ],
      hostNamespaces: ["pid", "network"],
    },
    id: "node-startup-script",
  },
  {
    name: "nsenter into PID 1 by --target, and through the node's /proc mounted elsewhere",
    facts: { command: ["nsenter", "--target", "1", "--mount", "--", "sh"] },
    id: "node-startup-script",
  },
  {
    name: "nsenter into a network namespace file of its own is not",
    facts: { command: ["nsenter", "--net=/var/run/netns/blue", "ip", "addr"] },
    id: null,
  },
  {
    name: "Sysdig's kernel module builder, by its image",
    facts: { image: "quay.io/sysdig/agent-kmodule:13.9.0" },
    id: "sysdig-agent",
  },
  {
    name: "Sysdig's driver loader where a chart template writes the image, by its environment",
    facts: { environment: ["SYSDIG_BPF_PROBE", "SYSDIG_AGENT_DRIVER"] },
    id: "sysdig-agent",
  },
  {
    name: "Calico's Typha on the host network, by its arguments and by its environment",
    facts: {
      image: "quay.io/calico/calico:v3.31.0",
      args: ["component", "typha"],
      hostNamespaces: ["network"],
    },
    id: "cni-operator",
  },
  {
    name: "Typha whose image and arguments a chart writes, by its TYPHA_ variables",
    facts: { environment: ["TYPHA_LOGSEVERITYSCREEN"], hostNamespaces: ["network"] },
    id: "cni-operator",
  },
  {
    name: "Canal's set-up Job writing flannel's network to etcd",
    facts: {
      image: "quay.io/coreos/etcd:v3.5.1",
      command: ["etcdctl", "--no-sync", "set", "/coreos.com/network/config", "{}"],
      hostNamespaces: ["network"],
    },
    id: "cni-operator",
  },
  {
    name: "Calico's kube-controllers on the host network (the etcd datastore)",
    facts: {
      image: "quay.io/calico/calico:v3.31.0",
      args: ["component", "kube-controllers"],
      hostNamespaces: ["network"],
    },
    id: "calico-kube-controllers-etcd",
  },
  {
    name: "Calico's kube-controllers off the host network is not",
    facts: { image: "calico/kube-controllers:v3.26.0" },
    id: null,
  },
  {
    name: "FRR beside MetalLB's frr-k8s controller on the host network",
    facts: { image: "quay.io/frrouting/frr:10.4.3", hostNamespaces: ["network"] },
    id: "lb-announcer",
  },
  {
    name: "mailcow's netfilter on the host network",
    facts: { image: "ghcr.io/mailcow/netfilter:1.61", hostNamespaces: ["network"] },
    id: "host-firewall-banner",
  },
  {
    name: "fail2ban off the host network is not (it needs only its capabilities there)",
    facts: { image: "crazymax/fail2ban:1.1.0" },
    id: null,
  },
  {
    name: "chart-testing given the host's kubeconfig on the host network (a kind cluster)",
    facts: {
      image: "registry.k8s.io/ingress-nginx/e2e-test-runner:v2.2.9",
      mountPaths: ["/root/.kube/config"],
      hostNamespaces: ["network"],
    },
    id: "local-cluster-client",
  },
  {
    name: "a kubeconfig off the host network is not",
    facts: { image: "bitnami/kubectl:1.31", environment: ["KUBECONFIG"] },
    id: null,
  },
  {
    name: "the SMB CSI driver's node plugin as its image was named before registry.k8s.io",
    facts: { image: "mcr.microsoft.com/k8s/csi/smb-csi:v1.2.0", hostNamespaces: ["network"] },
    id: "csi-network-filesystem",
  },
  {
    // piraeus-operator's pkg/resources/satellite/satellite/daemonset.yaml.
    name: "the LINSTOR satellite, by its arguments",
    facts: { image: "linstor-satellite", args: ["startSatellite"] },
    id: "linstor-satellite",
  },
  {
    name: "TopoLVM's lvmd, which runs LVM commands on the node through nsenter",
    facts: { image: "ghcr.io/topolvm/topolvm-with-sidecar:0.36.0", command: ["/lvmd"] },
    id: "topolvm",
  },
  {
    name: "a program named operator is not enough",
    facts: { image: "example/operator:1", command: ["operator"], hostNamespaces: ["network"] },
    id: null,
  },
  {
    name: "Prometheus' node exporter, by its image, on the host network without host PID",
    facts: { image: "quay.io/prometheus/node-exporter:v1.9.1", hostNamespaces: ["network"] },
    id: "node-exporter",
  },
  {
    name: "Bitnami's node exporter, by its image",
    facts: { image: "docker.io/bitnami/node-exporter:1.9.1" },
    id: "node-exporter",
  },
  {
    name: "Multus, the CNI meta-plugin, by its image",
    facts: { image: "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.2", hostNamespaces: ["network"] },
    id: "cni-agent",
  },
  {
    name: "Whereabouts, the IPAM plugin, by its image",
    facts: { image: "docker.io/bitnami/whereabouts:0.9.2", hostNamespaces: ["network"] },
    id: "cni-agent",
  },
  {
    name: "Tetragon, as its chart renders it",
    facts: { image: "quay.io/cilium/tetragon:v1.7.0", hostNamespaces: ["network"] },
    id: "tetragon",
  },
  {
    name: "Ceph's CSI node plugin on the host network",
    facts: {
      image: "quay.io/cephcsi/cephcsi:v3.14.0",
      hostNamespaces: ["network", "pid"],
      mountPaths: ["/var/lib/kubelet/plugins"],
    },
    id: "csi-network-filesystem",
  },
  {
    name: "the Amazon EFS CSI node plugin on the host network",
    facts: {
      image: "public.ecr.aws/efs-csi-driver/amazon/aws-efs-csi-driver:v3.4.1",
      hostNamespaces: ["network"],
    },
    id: "csi-network-filesystem",
  },
  {
    name: "Kube-OVN's CNI server on the host network and PID namespace",
    facts: {
      image: "docker.io/kubeovn/kube-ovn:v1.15.0",
      command: ["bash", "/kube-ovn/start-cniserver.sh"],
      hostNamespaces: ["network", "pid"],
      mountPaths: ["/etc/cni/net.d"],
    },
    id: "kube-ovn-cni-server",
  },
  {
    name: "Splunk's OpenTelemetry Collector agent on the host network",
    facts: {
      image: "quay.io/signalfx/splunk-otel-collector:0.158.0",
      hostNamespaces: ["network"],
    },
    id: "splunk-otel-collector-agent",
  },
  {
    name: "Splunk's OpenTelemetry Collector as the cluster receiver, on the pod network",
    facts: { image: "quay.io/signalfx/splunk-otel-collector:0.158.0" },
    id: null,
  },
  {
    name: "Antrea's controller on the host network",
    facts: {
      image: "antrea/antrea-controller-ubuntu:v2.3.0",
      command: ["antrea-controller"],
      hostNamespaces: ["network"],
    },
    id: "cni-api-server",
  },
  {
    name: "Inspektor Gadget, as its manifest runs it",
    facts: {
      image: "ghcr.io/inspektor-gadget/inspektor-gadget:v0.40.0",
      command: ["/bin/gadgettracermanager", "-serve"],
    },
    id: "inspektor-gadget",
  },
  {
    name: "Kubescape's node agent on the host PID namespace",
    facts: { image: "quay.io/kubescape/node-agent:v0.3.30", hostNamespaces: ["pid"] },
    id: "kubescape-node-agent",
  },
  {
    name: "Tracee on the host PID namespace",
    facts: { image: "docker.io/aquasec/tracee:0.24.1", hostNamespaces: ["pid"] },
    id: "tracee",
  },
  {
    name: "kube-router, a CNI agent that also shares the host's PID and IPC namespaces",
    facts: {
      image: "docker.io/cloudnativelabs/kube-router",
      hostNamespaces: ["network", "pid", "ipc"],
      mountPaths: ["/etc/cni/net.d"],
    },
    id: "kube-router",
  },
  {
    name: "Grafana Beyla as a DaemonSet",
    facts: {
      image: "grafana/beyla:2.7.1",
      hostNamespaces: ["pid"],
      environment: ["BEYLA_CONFIG_PATH"],
    },
    id: "ebpf-auto-instrumentation",
  },
  {
    name: "Netdata, with or without the host's namespaces",
    facts: { image: "netdata/netdata:v2.2.6", mountPaths: ["/host/proc"], hostPaths: ["/proc"] },
    id: "netdata",
  },
  {
    name: "Netdata's chart child, on the host PID and network namespaces: Netdata before any node agent",
    facts: { image: "netdata/netdata:v2.2.6", hostNamespaces: ["pid", "network"] },
    id: "netdata",
  },
  {
    name: "node-problem-detector, with the node's /dev/kmsg mounted",
    facts: {
      image: "registry.k8s.io/node-problem-detector/node-problem-detector:v0.8.19",
      mountPaths: ["/var/log", "/dev/kmsg"],
      hostPaths: ["/var/log/", "/dev/kmsg"],
    },
    id: "kernel-log-reader",
  },
  {
    name: "a container given /dev/kmsg as a device (Docker's --device) needs no privileged mode",
    facts: { image: "gcr.io/cadvisor/cadvisor:v0.49.1", devices: ["/dev/kmsg"] },
    id: null,
  },
  {
    name: "the SR-IOV network device plugin, before the CSI and device plugins its mounts resemble",
    facts: {
      image: "ghcr.io/k8snetworkplumbingwg/sriov-network-device-plugin:latest",
      mountPaths: ["/var/lib/kubelet/device-plugins", "/var/lib/kubelet/plugins_registry"],
      hostNamespaces: ["network"],
    },
    id: "sriov-device-plugin",
  },
  {
    name: "kured as its DaemonSet runs it",
    facts: {
      image: "ghcr.io/kubereboot/kured:1.23.0",
      command: ["/usr/bin/kured", "--reboot-sentinel=/sentinel/reboot-required"],
      hostNamespaces: ["pid"],
    },
    id: "node-reboot-daemon",
  },
  {
    name: "kured rebooting by signal",
    facts: {
      image: "ghcr.io/kubereboot/kured:1.23.0",
      command: ["/usr/bin/kured", "--reboot-method=signal"],
      hostNamespaces: ["pid"],
    },
    id: "node-reboot-signal",
  },
  {
    name: "kube-bench as its Job runs it",
    facts: {
      image: "docker.io/aquasec/kube-bench:v0.15.6",
      command: ["kube-bench"],
      mountPaths: ["/var/lib/etcd", "/etc/kubernetes"],
      hostPaths: ["/var/lib/etcd", "/etc/kubernetes"],
      hostNamespaces: ["pid"],
    },
    id: "node-compliance-scanner",
  },
  {
    name: "kube-bench without the host's processes is not the scanner it needs to be",
    facts: { image: "aquasec/kube-bench:latest", command: ["kube-bench", "--version"] },
    id: null,
  },
  // Intel's device plugins: the init containers that provision accelerators through sysfs.
  {
    name: "the QAT init container, as its kustomize overlay deploys it",
    facts: {
      image: "intel/intel-qat-initcontainer:devel",
      mountPaths: ["/sys", "/qat-init/conf"],
      hostPaths: ["/sys"],
    },
    id: "device-provisioning-init",
  },
  {
    name: "the DSA work queue init container, from a registry mirror",
    facts: { image: "docker.io/intel/intel-idxd-config-initcontainer:0.32.0" },
    id: "device-provisioning-init",
  },
  {
    name: "Intel's device plugin itself is a device plugin",
    facts: {
      image: "intel/intel-qat-plugin:0.32.0",
      mountPaths: ["/var/lib/kubelet/device-plugins"],
    },
    id: "device-plugin",
  },
  {
    name: "Datadog's system-probe, beside the agent's host PID and /host/proc",
    facts: {
      image: "gcr.io/datadoghq/agent:7.60.0",
      command: ["system-probe", "--config=/etc/datadog-agent/system-probe.yaml"],
      mountPaths: ["/host/proc"],
      hostPaths: ["/proc"],
      hostNamespaces: ["pid"],
    },
    id: "datadog-system-probe",
  },
  // Emulators for other CPU architectures registered with the kernel's binfmt_misc.
  {
    name: "Docker's binfmt installer, as setup-qemu-action runs it",
    facts: { image: "tonistiigi/binfmt", args: ["--install", "all"] },
    id: "binfmt-registrar",
  },
  {
    name: "multiarch's QEMU register image, pinned",
    facts: {
      image: "docker.io/multiarch/qemu-user-static:7.2.0-1",
      args: ["--reset", "-p", "yes"],
    },
    id: "binfmt-registrar",
  },
  {
    name: "a Job that registers through the Debian tool",
    facts: { image: "debian:bookworm", command: ["update-binfmts", "--enable"] },
    id: "binfmt-registrar",
  },
  {
    name: "an emulated build is no registration",
    facts: { image: "arm64v8/ubuntu:24.04", command: ["uname", "-m"] },
    id: null,
  },
  {
    name: "a metrics agent reading the node's /sys is no provisioning: the node exporter",
    facts: {
      image: "quay.io/prometheus/node-exporter:v1.8.2",
      mountPaths: ["/host/sys"],
      hostPaths: ["/sys"],
    },
    id: "node-exporter",
  },
  {
    name: "sysctl -w in an init container",
    facts: { image: "busybox", command: ["sysctl", "-w", "vm.max_map_count=262144"] },
    id: "node-sysctl-writer",
  },
  {
    name: "echo into /proc/sys",
    facts: { command: ["sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"] },
    id: "node-sysctl-writer",
  },
  { name: "reading sysctls is not writing", facts: { command: ["sysctl", "-a"] }, id: null },
  {
    name: "rootless BuildKit",
    facts: { image: "moby/buildkit:v0.16.0-rootless", args: ["--oci-worker-no-process-sandbox"] },
    id: "buildkit-rootless",
  },
  {
    name: "BuildKit in privileged mode is not the rootless daemon",
    facts: { image: "moby/buildkit:v0.16.0" },
    id: "buildkit-daemon",
  },
  {
    name: "an ordinary web server",
    facts: { image: "nginx:1.27", mountPaths: ["/usr/share/nginx/html"] },
    id: null,
  },
];

describe("workloads that genuinely need privilege", () => {
  it("each kind has evidence and a case", () => {
    for (const w of PRIVILEGED_WORKLOADS) {
      const unconfined = [w.unconfined?.appArmor, w.unconfined?.seccomp];
      const evidence = [
        ...w.evidence,
        ...(w.root?.evidence ?? []),
        ...(w.keepsDefaults?.evidence ?? []),
        ...unconfined.flatMap((u) => u?.evidence ?? []),
      ];
      for (const u of unconfined) if (u) expect(u.evidence.length).toBeGreaterThan(0);
      expect(w.evidence.length).toBeGreaterThan(0);
      for (const e of evidence) {
        expect(e.url).toMatch(/^https:\/\//);
        expect(e.says.length).toBeGreaterThan(10);
      }
      for (const why of [w.root?.why, w.keepsDefaults?.why, ...unconfined.map((u) => u?.why)])
        if (why) expect(why).not.toMatch(/\.$/);
      expect(CASES.some((c) => c.id === w.id)).toBe(true);
    }
  });
  for (const c of CASES) {
    it(c.name, () => {
      const found = recognizePrivilegedWorkload(c.facts);
      expect(found?.workload.id ?? null).toBe(c.id);
      if (found) expect(found.signal.length).toBeGreaterThan(3);
    });
  }
});

describe("host paths a recognised workload needs", () => {
  const recognised = (facts: WorkloadFacts) => {
    const r = recognizePrivilegedWorkload(facts);
    if (!r) throw new Error("not recognised");
    return r;
  };
  const cni = recognised({
    image: "docker.io/flannel/flannel:v0.26.1",
    hostNamespaces: ["network"],
  });
  const csi = recognised({
    image: "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0",
    propagation: ["Bidirectional"],
  });
  const mounts = recognised({ image: "example/storage:1", propagation: ["Bidirectional"] });
  const agent = recognised({ mountPaths: ["/host/proc"], hostNamespaces: ["pid"] });
  it.each([
    [cni, "/etc/cni/net.d/", true],
    [cni, "/run/xtables.lock", true],
    [cni, "/var/lib/cni/networks", true],
    [cni, "/var/run/docker.sock", false],
    [csi, "/var/lib/kubelet/plugins/ebs.csi.aws.com/", true],
    [csi, "/dev", true],
    [csi, "/etc", false],
    [mounts, "/dev", false],
    [agent, "/", true],
    [agent, "/proc", true],
    [agent, "/var/log", false],
  ] as const)("%#: %s", (recognition, path, needed) => {
    expect(needsHostPath(recognition, path)).toBe(needed);
  });
});

describe("confinement a recognised workload must run without", () => {
  const recognised = (facts: WorkloadFacts) => {
    const r = recognizePrivilegedWorkload(facts);
    if (!r) throw new Error("not recognised");
    return r;
  };
  const falco = recognised({ args: ["/usr/bin/falco"], environment: ["FALCO_K8S_NODE_NAME"] });
  const buildkit = recognised({ image: "moby/buildkit:rootless" });
  const cni = recognised({ image: "docker.io/calico/node:v3.29.0", hostNamespaces: ["network"] });
  it.each([
    [falco, "appArmor", /ptrace/],
    [falco, "seccomp", null],
    [buildkit, "seccomp", /unshare/],
    [buildkit, "appArmor", /mount/],
    [cni, "appArmor", null],
    [cni, "seccomp", null],
  ] as const)("%#: %s", (recognition, confinement, why) => {
    const need = needsUnconfined(recognition, confinement);
    if (why === null) expect(need).toBeNull();
    else expect(need?.why).toMatch(why);
  });
});
