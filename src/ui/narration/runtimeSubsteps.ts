// Sentences for the runtimes other than containerd + runc: the Kata Containers lanes (the shim, the
// hypervisor, the guest kernel, kata-agent), CRI-O with conmon, and the kubelet's checkpoint API.
// Pure: reads only the message; null when the message is none of these.
import type { TraceMessage } from '../../sim/trace/types';

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const KATA_AGENT: Record<string, string> = {
  CreateSandbox:
    'The shim asks kata-agent (ttRPC over VSOCK) to create the sandbox inside the VM: the ipc and uts namespaces the pod’s containers will share.',
  UpdateInterface:
    'The shim gives the guest the pod’s address: kata-agent configures the VM’s eth0 with the IP the CNI plugin handed out on the host.',
  UpdateRoutes: 'The shim passes the pod network’s routes to kata-agent, which installs them in the guest.',
  CreateContainer:
    'The shim asks kata-agent to create the container inside the VM; the agent uses rustjail, its counterpart of runc’s libcontainer, so the container’s namespaces and cgroups are the guest kernel’s, not the host’s.',
  StartContainer: 'The shim asks kata-agent to start the container’s process inside the VM.',
  WaitProcess:
    'The shim waits on the process: kata-agent answers WaitProcess only when the workload exits, with its exit status.',
  SignalProcess: 'The shim asks kata-agent to deliver the signal to the container’s process inside the VM.',
  RemoveContainer: 'The shim asks kata-agent to remove the stopped container from the VM.',
  DestroySandbox:
    'The pod’s sandbox is removed: the shim tells kata-agent to destroy it, then stops the hypervisor — the VM goes away with the pod.',
};

function kata(m: TraceMessage): string | null {
  const { from, to, label } = m;
  if (to === 'containerd-shim-kata-v2' && from === 'containerd' && /^Create \S+ \(pause\)/.test(label))
    return 'Handler kata: containerd starts containerd-shim-kata-v2, not the runc shim, and the pod gets its own VM. (Kata began in 2017 when Intel’s Clear Containers, an earlier VM runtime, merged with Hyper’s runV.)';
  if (to === 'containerd-shim-kata-v2' && from === 'containerd')
    return 'containerd calls the pod’s Kata shim through the shim v2 task API (Create, Start, Kill, Delete); one shim serves every container of the pod.';
  if (from === 'containerd-shim-kata-v2' && to === 'containerd')
    return /TaskExit/.test(label)
      ? 'The shim’s WaitProcess returned: it publishes the exit to containerd as a TaskExit event.'
      : 'The Kata shim reports the container’s new state to containerd, as runc’s shim would.';
  if (to === 'qemu')
    return /quit/.test(label)
      ? 'The shim stops the hypervisor; the VM powers off.'
      : 'The shim launches the hypervisor (QEMU/KVM by default) with the guest kernel and the guest image from Kata’s configuration.';
  if (from === 'qemu' && to === 'guest kernel')
    return 'QEMU boots the VM: the guest kernel starts with the guest image as its root filesystem.';
  if (from === 'qemu') return 'QEMU reports that the VM has powered off.';
  if (from === 'guest kernel' && to === 'kata-agent' && /systemd/.test(label))
    return 'Booted, the guest starts kata-agent, the one long-running process of the VM, which will supervise the containers.';
  if (from === 'kata-agent' && to === 'containerd-shim-kata-v2' && /ready/.test(label))
    return 'kata-agent listens on a VSOCK socket; the shim connects and can now send it ttRPC requests.';
  if (from === 'containerd-shim-kata-v2' && to === 'kernel')
    return 'The VM cannot use the veth the CNI plugin put in the pod’s network namespace, so the shim creates a tap device there and mirrors traffic between eth0 and tap0_kata with TC filters.';
  if (to === 'kata-agent' && from === 'containerd-shim-kata-v2') {
    const op = text(m.detail.op);
    return KATA_AGENT[op] ?? 'The shim sends kata-agent a ttRPC request over VSOCK.';
  }
  if (from === 'kata-agent' && to === 'containerd-shim-kata-v2') return 'kata-agent answers the shim.';
  if (from === 'kata-agent' && to === 'guest kernel')
    return 'kata-agent asks the guest kernel for what the request needs: namespaces, a network address, a process.';
  if (from === 'guest kernel')
    return 'The guest kernel answers kata-agent; everything it created lives inside the VM.';
  return null;
}

function crio(m: TraceMessage): string | null {
  const { from, to, label } = m;
  if (from === 'kubelet' && to === 'cri-o')
    return `The kubelet makes the CRI call ${text(m.detail.method) || label} to CRI-O over gRPC: the same calls it makes to containerd.`;
  if (from === 'cri-o' && to === 'kubelet')
    return `CRI-O answers the kubelet’s ${text(m.detail.method) || 'CRI'} call.`;
  if (from === 'cri-o' && to === 'kernel' && /pinns/.test(label))
    return 'CRI-O pins the pod’s namespaces with pinns, a small helper that unshares them and bind-mounts them under /var/run, so they outlive any process.';
  if (from === 'cri-o' && to === 'conmon')
    return 'CRI-O starts one conmon per container: conmon runs the OCI runtime (runc) to create the container, then stays as its parent, holding its stdio and watching for its exit.';
  if (from === 'conmon' && to === 'runc')
    return 'conmon runs runc create; runc sets the container up and leaves it in the created state.';
  if (from === 'runc' && to === 'conmon') return 'runc reports back to conmon, the container’s monitor.';
  if (from === 'conmon' && to === 'cri-o')
    return /exit/.test(label)
      ? 'The container’s process exited: conmon writes its exit code to a file in CRI-O’s exits directory, where CRI-O picks it up.'
      : 'conmon tells CRI-O the container’s PID through its sync pipe.';
  if (from === 'cri-o' && to === 'runc')
    return 'CRI-O runs runc directly for start, kill and delete; conmon only creates and watches.';
  if (from === 'runc' && to === 'cri-o') return 'runc reports the container’s new state to CRI-O.';
  return null;
}

function checkpoint(m: TraceMessage): string | null {
  if (m.to === 'kubelet' && m.from === 'kubectl' && /\/checkpoint\//.test(m.label))
    return 'You call the kubelet’s checkpoint API (POST /checkpoint/{namespace}/{pod}/{container} on port 10250, ContainerCheckpoint is on by default since v1.30): the kubelet asks the runtime for a copy of the running container.';
  if (
    m.from === 'kubelet' &&
    m.to === 'kubectl' &&
    m.detail.code !== undefined &&
    /checkpoint/.test(text(m.detail.body) || m.label)
  )
    return Number(m.detail.code) === 200
      ? 'The kubelet answers with the archive’s path under /var/lib/kubelet/checkpoints; the container kept running.'
      : 'The kubelet answers with the error the runtime gave.';
  if (m.detail.method === 'CheckpointContainer' && m.from === 'kubelet')
    return 'The kubelet names the archive checkpoint-<pod>_<namespace>-<container>-<time>.tar and makes the CRI call CheckpointContainer.';
  if (/^runc checkpoint/.test(m.label))
    return 'containerd checks that the container is running and has its shim run runc checkpoint --leave-running: CRIU will dump the process without stopping it.';
  if (/^criu dump/.test(m.label))
    return 'runc hands the work to CRIU, which freezes the container’s cgroup, saves its memory pages, open files and namespaces as image files, and lets it run again.';
  if (/^Wrote checkpoint archive/.test(m.label))
    return 'containerd packs CRIU’s images, the container’s changed files (rootfs-diff.tar) and its spec and status into the tar archive the kubelet asked for.';
  return null;
}

export function runtimeSubStep(m: TraceMessage): string | null {
  return checkpoint(m) ?? kata(m) ?? crio(m);
}
