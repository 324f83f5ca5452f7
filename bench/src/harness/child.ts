import { spawn, type ChildProcess } from "node:child_process";
import { IpcPeer } from "./ipc";

export interface PinnedChildOptions {
  /** The CPU core to pin every thread of the process to (`taskset -c`). */
  readonly core: number;
  /** Extra Node flags, e.g. `--expose-gc` or `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

const TSX = import.meta.resolve("tsx");
/** Niceness of the measured processes. */
export const BENCH_NICE = -10;

/**
 * Start a TypeScript entry point in its own Node process, pinned to one core from its first
 * instruction (so its libuv and V8 threads are pinned too), with the open-file soft limit raised
 * to the hard limit for the thousands of sockets of the memory scenario.
 */
export function spawnPinned<Req, Res>(
  entry: string,
  args: readonly string[],
  options: PinnedChildOptions,
): IpcPeer<Req, Res> {
  // On a shared machine other work competes for the two cores. The child gets a session of its
  // own (`detached`), hence a scheduler autogroup of its own, whose priority is raised along with
  // its niceness; where that is not allowed, it runs unchanged.
  const script =
    'ulimit -n "$(ulimit -Hn)" 2>/dev/null; ' +
    `echo ${BENCH_NICE} > /proc/self/autogroup 2>/dev/null; exec "$@"`;
  const child: ChildProcess = spawn(
    "/bin/sh",
    [
      "-c",
      script,
      "sh",
      "nice",
      "-n",
      String(BENCH_NICE),
      "taskset",
      "-c",
      String(options.core),
      process.execPath,
      "--import",
      TSX,
      ...(options.nodeFlags ?? []),
      entry,
      ...args,
    ],
    {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      detached: true,
      env: { ...process.env, ...options.env },
    },
  );
  return new IpcPeer<Req, Res>(child);
}

/** Wait for a child to exit, killing it if it has not within `graceMs`. */
export async function stopChild(
  child: ChildProcess,
  graceMs = 3000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  if (child.connected) child.disconnect();
  await exited;
  clearTimeout(timer);
}
