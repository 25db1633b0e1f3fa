/** A Pod whose one container runs privileged: the one finding the report and CLI tests render. */
export const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;
