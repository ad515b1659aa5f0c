/**
 * Distributed batches (delib enqueue / worker / collect / status) against a real redis-server started here
 * on a free loopback port, with workers as separate processes. redis-server must be installed (.ci/run
 * installs the Debian package): without it these tests fail, they do not skip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { packageRoot } from "../src/paths.js";
import { OUTPUT_FILES } from "../src/batch/output.js";
import { QUEUE_PREFIX } from "../src/distributed/batch.js";
import { CONNECT_TIMEOUT_MS, PING_TIMEOUT_MS } from "../src/distributed/redis.js";
import { textCorpus } from "../src/tools/bench/generate.js";
import { freePort, startRedisServer, type RedisServer } from "../src/tools/bench/redis-server.js";

const BIN = join(packageRoot, "bin", "delib.js");
/**
 * Generated text documents of the killed batch, besides the corpus's 37 files: a few seconds of work for
 * two workers, so that a kill lands mid-run (the 500-document run is `npm run bench:distributed`).
 */
const GENERATED = 120;
/** Share of the jobs done when the first worker is killed. */
const KILL_AT_SHARE = 0.3;
/** The workers' --lock (s): short, so that the killed worker's job is taken again within seconds. */
const LOCK_S = 3;
/** Slack over the Redis deadlines for a process to start, fail and exit on a loaded machine (ms). */
const EXIT_SLACK_MS = 5_000;
const POLL_MS = 20;
const RUN_MS = 240_000;

const made: string[] = [];
function tmp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `delib-dist-${prefix}-`));
  made.push(dir);
  return dir;
}

let server: RedisServer;
let url = "";
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  url = server.url;
  redis = new Redis(url, { maxRetriesPerRequest: 1 });
}, 30_000);

afterAll(async () => {
  await redis?.quit().catch(() => undefined);
  await server?.stop();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI to its end from `cwd` (display paths are relative to it, for extract and enqueue alike). */
function delib(args: string[], cwd: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr, ms: performance.now() - started })));
}

function startWorker(batch: string, cwd: string): { child: ChildProcess; done: Promise<Run> } {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "worker", "--batch", batch, "--redis", url, "--concurrency", "1", "--lock", String(LOCK_S), "--exit-when-done", "--quiet"], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on("close", (status) => resolve({ status, stdout: "", stderr, ms: performance.now() - started })));
  return { child, done };
}

function resultFiles(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).length : 0;
}

/** The batch's input folder under `root`: the corpus, GENERATED text documents, one file copied under a second name, a bad PDF. */
async function makeInputs(root: string): Promise<void> {
  const inputs = join(root, "inputs");
  cpSync(join(packageRoot, "corpus"), join(inputs, "corpus"), { recursive: true });
  const generated = await textCorpus(GENERATED);
  mkdirSync(join(inputs, "generated"));
  for (const f of readdirSync(generated.dir).filter((n) => n.endsWith(".txt"))) copyFileSync(join(generated.dir, f), join(inputs, "generated", f));
  // Same bytes under two paths: one job, two documents.
  copyFileSync(join(inputs, "generated", "doc-000000.txt"), join(inputs, "generated", "same-as-doc-000000.txt"));
  writeFileSync(join(inputs, "broken.pdf"), "%PDF-1.7\nnot really a PDF\n");
}

async function statusOf(batch: string, cwd: string): Promise<Record<string, number | string | null>> {
  const run = await delib(["status", "--batch", batch, "--redis", url, "--json"], cwd);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, number | string | null>;
}

describe("distributed batches on BullMQ and Redis", () => {
  it(
    "two worker processes, one SIGKILLed mid-run and restarted: collect writes extract's very bytes, each document once",
    async () => {
      const root = tmp("batch");
      await makeInputs(root);
      // A path given that does not exist: reported first, as extract does.
      const args = ["inputs", "missing-folder"];
      const plain = await delib(["extract", ...args, "--out", "plain", "--quiet", "--concurrency", "1"], root);
      expect(plain.status, plain.stderr).toBe(1);

      const enqueue = ["enqueue", ...args, "--batch", "kill", "--redis", url, "--results", "results", "--quiet"];
      expect((await delib(enqueue, root)).status).toBe(0);
      const queued = await statusOf("kill", root);
      // Enqueued again: no job added.
      const again = await delib(enqueue, root);
      expect(again.status, again.stderr).toBe(0);
      const documents = readFileSync(join(root, "plain", "documents.jsonl"), "utf8").split("\n").length - 1;
      // One job per distinct content: the copy shares its original's, the missing folder has none.
      expect(queued).toMatchObject({ documents, jobs: documents - 2, waiting: documents - 2, active: 0, done: 0, failed: 0 });
      expect(await statusOf("kill", root)).toMatchObject({ jobs: documents - 2, waiting: documents - 2 });

      const results = join(root, "results");
      const first = startWorker("kill", root);
      const second = startWorker("kill", root);
      const killAt = Math.floor((documents - 2) * KILL_AT_SHARE);
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (resultFiles(results) < killAt) return;
          clearInterval(poll);
          first.child.kill("SIGKILL");
          resolve();
        }, POLL_MS);
        first.done.then(() => {
          clearInterval(poll);
          reject(new Error(`Expected the first worker to be killed at ${killAt} results, got it ended by itself`));
        }, reject);
      });
      expect((await first.done).status).toBe(null);
      const restarted = startWorker("kill", root);
      const [secondRun, restartedRun] = await Promise.all([second.done, restarted.done]);
      expect(secondRun.status, secondRun.stderr).toBe(0);
      expect(restartedRun.status, restartedRun.stderr).toBe(0);

      const status = await statusOf("kill", root);
      expect(status).toMatchObject({ documents, jobs: documents - 2, waiting: 0, active: 0, retrying: 0, done: documents - 2, failed: 0 });
      expect(typeof status["overallPerSecond"]).toBe("number");

      // The kill fell within a job: BullMQ's stalled-job check gave it to another worker (started twice).
      const queue = new Queue("kill", { connection: redis, prefix: QUEUE_PREFIX });
      const completed = await queue.getJobs(["completed"], 0, -1);
      await queue.close();
      expect(completed.length).toBe(documents - 2);
      expect(completed.filter((j) => j.attemptsStarted > 1).length, "Expected a job the killed worker held to be started again").toBeGreaterThan(0);

      const collect = await delib(["collect", "--batch", "kill", "--redis", url, "--out", "collected", "--quiet"], root);
      expect(collect.status, collect.stderr).toBe(1); // the broken PDF and the missing folder failed, as with extract
      for (const f of OUTPUT_FILES) {
        expect(readFileSync(join(root, "collected", f), "utf8"), `collected/${f} against extract's`).toBe(readFileSync(join(root, "plain", f), "utf8"));
      }
      const paths = readFileSync(join(root, "collected", "documents.jsonl"), "utf8")
        .split("\n")
        .slice(0, -1)
        .map((l) => (JSON.parse(l) as { path: string }).path);
      expect(new Set(paths).size).toBe(paths.length);
      expect(paths).toContain("inputs/generated/same-as-doc-000000.txt");
      expect(paths[0]).toBe("missing-folder");
    },
    RUN_MS,
  );

  it(
    "a job that cannot read its file is retried, then collected as a failed document with the reason; collect refuses an unfinished batch",
    async () => {
      const root = tmp("retry");
      mkdirSync(join(root, "in"));
      const corpusText = join(packageRoot, "corpus", "written");
      const someText = readdirSync(corpusText, { recursive: true, encoding: "utf8" }).find((f) => f.endsWith(".txt"));
      expect(someText, `Expected a .txt file under ${corpusText}`).toBeDefined();
      copyFileSync(join(corpusText, someText ?? ""), join(root, "in", "kept.txt"));
      writeFileSync(join(root, "in", "gone.txt"), "Délibération n° 1\nLe conseil approuve.\n");
      const enqueued = await delib(["enqueue", "in", "--batch", "retry", "--redis", url, "--results", "results", "--attempts", "3", "--backoff", "0.1", "--quiet"], root);
      expect(enqueued.status, enqueued.stderr).toBe(0);
      const early = await delib(["collect", "--batch", "retry", "--redis", url, "--out", "early"], root);
      expect(early.status).toBe(2);
      expect(early.stderr).toMatch(/Expected every document of batch "retry" done or failed, got 2 not done: in\/gone\.txt \(waiting\)/u);
      expect(existsSync(join(root, "early", "documents.jsonl"))).toBe(false);

      rmSync(join(root, "in", "gone.txt"));
      const worker = startWorker("retry", root);
      const run = await worker.done;
      expect(run.status, run.stderr).toBe(0);
      expect(await statusOf("retry", root)).toMatchObject({ done: 1, failed: 1, waiting: 0, retrying: 0 });
      const collect = await delib(["collect", "--batch", "retry", "--redis", url, "--out", "out", "--quiet"], root);
      expect(collect.status, collect.stderr).toBe(1);
      const lines = readFileSync(join(root, "out", "documents.jsonl"), "utf8").split("\n").slice(0, -1).map((l) => JSON.parse(l) as { path: string; status: string; reason: string | null });
      expect(lines.map((l) => l.path)).toEqual(["in/gone.txt", "in/kept.txt"]);
      expect(lines[0]?.status).toBe("failed");
      expect(lines[1]?.status).not.toBe("failed");
      expect(lines[0]?.reason).toMatch(/^in\/gone\.txt: not read after 3 attempts \(ENOENT/u);
    },
    RUN_MS,
  );

  it("Redis unreachable: every command stops with exit code 2 and one line naming the URL, within seconds", async () => {
    const root = tmp("unreachable");
    const closed = `redis://127.0.0.1:${await freePort()}`;
    for (const args of [
      ["enqueue", packageRoot, "--batch", "b", "--redis", closed],
      ["worker", "--batch", "b", "--redis", closed],
      ["collect", "--batch", "b", "--out", "out", "--redis", closed],
      ["status", "--batch", "b", "--redis", closed],
    ]) {
      const run = await delib(args, root);
      expect(run.status, `${args[0]}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toBe(`delib: Expected Redis to answer at ${closed}, got connect ECONNREFUSED ${closed.slice("redis://".length)}\n`);
      expect(run.ms).toBeLessThan(EXIT_SLACK_MS);
    }
    // A server that accepts the connection and never answers: the deadlines, not a hang.
    const silent: Server = createServer(() => undefined);
    const port = await new Promise<number>((resolve) => silent.listen(0, "127.0.0.1", () => resolve((silent.address() as { port: number }).port)));
    try {
      const run = await delib(["status", "--batch", "b", "--redis", `redis://127.0.0.1:${port}`], root);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^delib: Expected Redis to answer at redis://127\\.0\\.0\\.1:${port}, got no (connection|answer to PING) within \\d+ s\\n$`, "u"));
      expect(run.ms).toBeLessThan(CONNECT_TIMEOUT_MS + PING_TIMEOUT_MS + EXIT_SLACK_MS);
    } finally {
      silent.close();
    }
  }, 60_000);

  it("usage: an unknown batch, a bad batch name, an enqueue with other inputs under a used name", async () => {
    const root = tmp("usage");
    const unknown = await delib(["status", "--batch", "never-enqueued", "--redis", url], root);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(`delib: Expected a batch named "never-enqueued" in Redis at ${url}, got none (delib enqueue <path>... --batch never-enqueued first)\n`);
    const badName = await delib(["worker", "--batch", "a:b", "--redis", url], root);
    expect(badName.status).toBe(2);
    expect(badName.stderr).toMatch(/Expected --batch to be 1–100 letters, digits, "-" or "_", got "a:b"/u);
    writeFileSync(join(root, "one.txt"), "Délibération n° 1\n");
    writeFileSync(join(root, "two.txt"), "Délibération n° 2\n");
    expect((await delib(["enqueue", "one.txt", "--batch", "used", "--redis", url, "--quiet"], root)).status).toBe(0);
    const other = await delib(["enqueue", "two.txt", "--batch", "used", "--redis", url, "--quiet"], root);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/Expected batch "used" to be enqueued again with the same inputs, options and --results, got different ones/u);
  }, 60_000);
});
