import { runRuleTests } from "../../../test/support/rule-tester.js";
import { sysctls } from "./sysctls.js";

/** A Pod with the given pod security context lines (4 spaces deep). */
const pod = (securityContext: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
${securityContext}  containers:
    - name: app
      image: nginx:1.27
`;

runRuleTests(sysctls, {
  valid: [
    {
      name: "every safe sysctl as of 1.37",
      code: pod(`    sysctls:
      - {name: kernel.shm_rmid_forced, value: "1"}
      - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
      - {name: net.ipv4.tcp_syncookies, value: "1"}
      - {name: net.ipv4.ping_group_range, value: "0 2147483647"}
      - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}
      - {name: net.ipv4.ip_local_reserved_ports, value: "30000-32767"}
      - {name: net.ipv4.tcp_keepalive_time, value: "600"}
      - {name: net.ipv4.tcp_fin_timeout, value: "30"}
      - {name: net.ipv4.tcp_keepalive_intvl, value: "60"}
      - {name: net.ipv4.tcp_keepalive_probes, value: "5"}
      - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
      - {name: net.ipv4.tcp_wmem, value: "4096 16384 4194304"}
      - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
      - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}
`),
    },
    { name: "empty list", code: pod("    sysctls: []\n") },
    {
      name: "sysctls in a container security context are no pod sysctls",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        sysctls: [{name: kernel.msgmax, value: "65536"}]
`,
    },
  ],
  invalid: [
    {
      name: "the only sysctl: the emptied security context goes",
      code: pod("    sysctls:\n      - name: othersysctl\n        value: other\n"),
      errors: [
        {
          line: 8,
          container: null,
          fixed:
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        },
      ],
    },
    {
      name: "one finding per unsafe sysctl, each removing its own item",
      code: pod(`    runAsNonRoot: true
    sysctls:
      - name: net.ipv4.tcp_syncookies
        value: "1"
      - name: kernel.msgmax
        value: "65536"
      - name: net.core.somaxconn
        value: "1024"
`),
      errors: [
        {
          line: 11,
          fixed: pod(`    runAsNonRoot: true
    sysctls:
      - name: net.ipv4.tcp_syncookies
        value: "1"
      - name: net.core.somaxconn
        value: "1024"
`),
        },
        {
          line: 13,
          fixed: pod(`    runAsNonRoot: true
    sysctls:
      - name: net.ipv4.tcp_syncookies
        value: "1"
      - name: kernel.msgmax
        value: "65536"
`),
        },
      ],
    },
    {
      name: "names are compared exactly; an unnamed item is not safe",
      code: pod(`    sysctls:
    - name: NET.IPV4.TCP_SYNCOOKIES
      value: "1"
    - value: "1"
`),
      errors: [
        {
          line: 8,
          fixed: pod(`    sysctls:
    - value: "1"
`),
        },
        {
          line: 10,
          fixed: pod(`    sysctls:
    - name: NET.IPV4.TCP_SYNCOOKIES
      value: "1"
`),
        },
      ],
    },
    {
      name: "flow style: the item and its separator go",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {sysctls: [{name: kernel.sem, value: "250 32000 32 128"}, {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}]}
  containers:
    - {name: app, image: nginx}
`,
      errors: [
        {
          line: 5,
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {sysctls: [{name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}]}
  containers:
    - {name: app, image: nginx}
`,
        },
      ],
    },
    {
      name: "flow style: the last item goes with the separator before it",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    sysctls: [{name: net.ipv4.tcp_rmem, value: "4096"}, {name: vm.swappiness, value: "10"}]
  containers:
    - {name: app, image: nginx}
`,
      errors: [
        {
          line: 6,
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    sysctls: [{name: net.ipv4.tcp_rmem, value: "4096"}]
  containers:
    - {name: app, image: nginx}
`,
        },
      ],
    },
    {
      name: "Deployment: the sysctl is the pod's, beside an init container",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: db}
spec:
  template:
    spec:
      securityContext:
        fsGroup: 999
        sysctls:
        - name: kernel.shmmax
          value: "68719476736"
      initContainers:
      - {name: init, image: busybox}
      containers:
      - {name: db, image: postgres}
`,
      errors: [
        {
          line: 10,
          container: null,
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: db}
spec:
  template:
    spec:
      securityContext:
        fsGroup: 999
      initContainers:
      - {name: init, image: busybox}
      containers:
      - {name: db, image: postgres}
`,
        },
      ],
    },
    {
      name: "Job",
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: load}
spec:
  template:
    spec:
      restartPolicy: Never
      securityContext:
        sysctls:
        - {name: net.ipv4.tcp_syncookies, value: "1"}
        - {name: net.netfilter.nf_conntrack_max, value: "1048576"}
      containers:
      - {name: load, image: k6}
`,
      errors: [
        {
          line: 11,
          fixed: `apiVersion: batch/v1
kind: Job
metadata: {name: load}
spec:
  template:
    spec:
      restartPolicy: Never
      securityContext:
        sysctls:
        - {name: net.ipv4.tcp_syncookies, value: "1"}
      containers:
      - {name: load, image: k6}
`,
        },
      ],
    },
    {
      name: "anchor, alias and merge key: reported where each takes effect, no fix",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      securityContext:
        sysctls: &tuning
          - {name: net.ipv4.tcp_syncookies, value: "1"}
          - {name: kernel.msgmnb, value: "65536"}
      containers:
        - {name: a, image: x}
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      securityContext:
        sysctls: *tuning
      containers:
        - {name: b, image: x}
  - apiVersion: v1
    kind: Pod
    metadata: {name: c}
    spec:
      securityContext:
        <<: {sysctls: *tuning}
      containers:
        - {name: c, image: x}
`,
      errors: [
        { line: 11, container: null, fixed: null },
        { line: 19, container: null, fixed: null },
        { line: 27, container: null, fixed: null },
      ],
    },
    {
      name: "JSON manifest: the item goes, the layout stays",
      path: "pod.json",
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "securityContext": {
      "sysctls": [
        {"name": "kernel.msgmax", "value": "65536"},
        {"name": "net.ipv4.tcp_syncookies", "value": "1"}
      ]
    },
    "containers": [{"name": "app", "image": "nginx"}]
  }
}
`,
      errors: [
        {
          line: 8,
          fixed: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "securityContext": {
      "sysctls": [
        {"name": "net.ipv4.tcp_syncookies", "value": "1"}
      ]
    },
    "containers": [{"name": "app", "image": "nginx"}]
  }
}
`,
        },
      ],
    },
    {
      name: "Helm values: a chart's podSecurityContext is kept as {}",
      path: "charts/redis/values.yaml",
      code: `image:
  repository: redis
podSecurityContext:
  sysctls:
    - name: net.core.somaxconn
      value: "10000"
`,
      errors: [
        {
          line: 5,
          container: null,
          fixed: `image:
  repository: redis
podSecurityContext: {}
`,
        },
      ],
    },
  ],
});
