/**
 * A throwaway redis-server for tests and benchmarks: a free loopback port, no persistence, its own
 * folder, stopped afterwards. redis-server must be installed (Debian package redis-server; .ci/run
 * installs it): without it this throws, so that distributed tests fail rather than skip.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

/** How long redis-server may take to answer once started (ms): it listens within milliseconds; a loaded machine gets room. */
const START_MS = 10_000;
/** Between two attempts to reach it while it starts (ms). */
const START_POLL_MS = 20;

export interface RedisServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("Expected a port, got none"))));
    });
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const version = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (version.error !== undefined || version.status !== 0) {
    throw new Error(`Expected redis-server on the PATH (apt-get install redis-server; .ci/run installs it), got ${version.error?.message ?? `exit code ${version.status}`}`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "delib-redis-"));
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = performance.now() + START_MS;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.ping();
      await client.quit();
      return { url, pid: child.pid ?? 0, stop };
    } catch (e) {
      client.disconnect();
      if (performance.now() > deadline || child.exitCode !== null) {
        await stop();
        throw new Error(`Expected redis-server to answer at ${url} within ${START_MS} ms, got ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, START_POLL_MS));
    }
  }
}
